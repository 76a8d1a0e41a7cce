#include "torch_networks.hpp"

#include <cstring>
#include <string>

#include <torch/torch.h>

#include "harness.hpp"

namespace bench {
namespace {

class torch_mlp final : public torch_network {
public:
    torch_mlp(const std::vector<std::size_t>& sizes, const char* last, const std::vector<std::vector<float>>& parameters,
              const std::vector<float>& input, std::size_t batch) {
        torch::set_num_threads(1);
        torch::NoGradGuard no_grad;
        std::size_t p = 0;
        for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
            auto linear = torch::nn::Linear(static_cast<std::int64_t>(sizes[l]), static_cast<std::int64_t>(sizes[l + 1]));
            std::memcpy(linear->weight.data_ptr<float>(), parameters[p++].data(), linear->weight.numel() * sizeof(float));
            std::memcpy(linear->bias.data_ptr<float>(), parameters[p++].data(), linear->bias.numel() * sizeof(float));
            net_->push_back(linear);
            if (l + 2 < sizes.size()) net_->push_back(torch::nn::ReLU());
        }
        if (std::string(last) == "sigmoid") net_->push_back(torch::nn::Sigmoid());
        net_->eval();
        x_ = torch::from_blob(const_cast<float*>(input.data()),
                              {static_cast<std::int64_t>(batch), static_cast<std::int64_t>(sizes.front())})
                 .clone();
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

std::unique_ptr<torch_network> make_torch_mlp(const std::vector<std::size_t>& sizes, const char* last,
                                              const std::vector<std::vector<float>>& parameters,
                                              const std::vector<float>& input, std::size_t batch) {
    return std::make_unique<torch_mlp>(sizes, last, parameters, input, batch);
}

}  // namespace bench
