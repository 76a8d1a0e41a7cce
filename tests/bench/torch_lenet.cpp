// LeNet-5 in libtorch, for the convolution benchmark (cnn.cpp): its own translation unit, as torch_networks.cpp.
#include <cstring>

#include <torch/torch.h>

#include "harness.hpp"
#include "torch_networks.hpp"

namespace bench {
namespace {

class torch_lenet final : public torch_network {
public:
    torch_lenet(const std::vector<std::vector<float>>& parameters, const std::vector<float>& input, std::size_t batch) {
        torch::set_num_threads(1);
        torch::NoGradGuard no_grad;
        namespace nn = torch::nn;
        net_->push_back(nn::Conv2d(nn::Conv2dOptions(1, 6, 5).padding(2)));
        net_->push_back(nn::ReLU());
        net_->push_back(nn::MaxPool2d(2));
        net_->push_back(nn::Conv2d(6, 16, 5));
        net_->push_back(nn::ReLU());
        net_->push_back(nn::MaxPool2d(2));
        net_->push_back(nn::Flatten());
        net_->push_back(nn::Linear(400, 120));
        net_->push_back(nn::ReLU());
        net_->push_back(nn::Linear(120, 84));
        net_->push_back(nn::ReLU());
        net_->push_back(nn::Linear(84, 10));
        std::size_t p = 0;
        for (auto& tensor : net_->parameters()) {  // state_dict order: weight, bias of each layer in turn
            std::memcpy(tensor.data_ptr<float>(), parameters[p].data(), parameters[p].size() * sizeof(float));
            ++p;
        }
        net_->eval();
        x_ = torch::from_blob(const_cast<float*>(input.data()), {static_cast<std::int64_t>(batch), 1, 28, 28}).clone();
    }

    void run(std::size_t times) override {
        torch::NoGradGuard no_grad;
        for (std::size_t n = 0; n < times; ++n) {
            y_ = net_->forward(x_);
            escape(y_.data_ptr<float>());
        }
    }

    std::vector<float> output() override {
        const float* p = y_.contiguous().data_ptr<float>();
        return std::vector<float>(p, p + y_.numel());
    }

private:
    torch::nn::Sequential net_;
    torch::Tensor x_, y_;
};

}  // namespace

std::unique_ptr<torch_network> make_torch_lenet(const std::vector<std::vector<float>>& parameters,
                                                const std::vector<float>& input, std::size_t batch);
std::unique_ptr<torch_network> make_torch_lenet(const std::vector<std::vector<float>>& parameters,
                                                const std::vector<float>& input, std::size_t batch) {
    return std::make_unique<torch_lenet>(parameters, input, batch);
}

}  // namespace bench
