#include "torch_networks.hpp"

#include <cstring>
#include <string>

#include <torch/torch.h>

#include "harness.hpp"

namespace bench {
namespace {

// A torch::nn::Sequential run on a fixed input: what every benchmark network shares.
class torch_sequential : public torch_network {
public:
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

protected:
    torch_sequential() { torch::set_num_threads(1); }

    // Copies the parameters, in state_dict order, and the input, of the given shape.
    void finish(const std::vector<std::vector<float>>& parameters, const std::vector<float>& input,
                std::vector<std::int64_t> shape) {
        torch::NoGradGuard no_grad;
        std::size_t p = 0;
        for (auto& tensor : net_->parameters()) {
            std::memcpy(tensor.data_ptr<float>(), parameters[p].data(), parameters[p].size() * sizeof(float));
            ++p;
        }
        net_->eval();
        x_ = torch::from_blob(const_cast<float*>(input.data()), shape).clone();
    }

    torch::nn::Sequential net_;

private:
    torch::Tensor x_, y_;
};

class torch_mlp final : public torch_sequential {
public:
    torch_mlp(const std::vector<std::size_t>& sizes, const char* last, const std::vector<std::vector<float>>& parameters,
              const std::vector<float>& input, std::size_t batch) {
        for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
            net_->push_back(torch::nn::Linear(static_cast<std::int64_t>(sizes[l]), static_cast<std::int64_t>(sizes[l + 1])));
            if (l + 2 < sizes.size()) net_->push_back(torch::nn::ReLU());
        }
        if (std::string(last) == "sigmoid") net_->push_back(torch::nn::Sigmoid());
        finish(parameters, input, {static_cast<std::int64_t>(batch), static_cast<std::int64_t>(sizes.front())});
    }
};

class torch_lenet final : public torch_sequential {
public:
    torch_lenet(const std::vector<std::vector<float>>& parameters, const std::vector<float>& input, std::size_t batch) {
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
        finish(parameters, input, {static_cast<std::int64_t>(batch), 1, 28, 28});
    }
};

}  // namespace

std::unique_ptr<torch_network> make_torch_mlp(const std::vector<std::size_t>& sizes, const char* last,
                                              const std::vector<std::vector<float>>& parameters,
                                              const std::vector<float>& input, std::size_t batch) {
    return std::make_unique<torch_mlp>(sizes, last, parameters, input, batch);
}

std::unique_ptr<torch_network> make_torch_lenet(const std::vector<std::vector<float>>& parameters,
                                                const std::vector<float>& input, std::size_t batch) {
    return std::make_unique<torch_lenet>(parameters, input, batch);
}

}  // namespace bench
