// libtorch versions of the benchmark networks, in their own translation unit so that only it sees torch's
// headers. Parameters come in PyTorch's state_dict order and layout, as typenet's visit_parameters gives them.
#ifndef TYPENET_BENCH_TORCH_NETWORKS_HPP
#define TYPENET_BENCH_TORCH_NETWORKS_HPP

#include <cstddef>
#include <memory>
#include <vector>

namespace bench {

struct torch_network {
    virtual ~torch_network() = default;
    virtual void run(std::size_t times) = 0;
    virtual std::vector<float> output() = 0;
};

// An nn::Sequential of Linear layers of the given sizes, ReLU between them, and `last` after the last one
// ("sigmoid" or "none"), on `batch` samples of `input`.
std::unique_ptr<torch_network> make_torch_mlp(const std::vector<std::size_t>& sizes, const char* last,
                                              const std::vector<std::vector<float>>& parameters,
                                              const std::vector<float>& input, std::size_t batch);

// LeNet-5 (tests/bench/cnn.cpp) on `batch` images of 1 x 28 x 28.
std::unique_ptr<torch_network> make_torch_lenet(const std::vector<std::vector<float>>& parameters,
                                                const std::vector<float>& input, std::size_t batch);

}  // namespace bench

#endif
