#ifndef TYPENET_INIT_HPP
#define TYPENET_INIT_HPP

#include <cstdint>
#include <random>

namespace typenet {

namespace detail {
// Uniform in [-bound, bound) from std::mt19937_64, whose output sequence the standard fixes, through a
// conversion written here (std::uniform_real_distribution is implementation-defined), so that a seed gives
// the same parameters on every platform and compiler.
class uniform_source {
public:
    explicit uniform_source(std::uint64_t seed) : engine_(seed) {}
    double operator()(double bound) {
        const double unit = static_cast<double>(engine_() >> 11) * 0x1p-53;  // [0, 1), 53 random bits
        return (2.0 * unit - 1.0) * bound;
    }

private:
    std::mt19937_64 engine_;
};
}  // namespace detail

/// Sets every parameter as PyTorch initialises a fresh module (nn.Linear: weight and bias uniform in
/// +-1/sqrt(in_features)), deterministically from `seed`. Layers are visited in order, each tensor in
/// state_dict order.
template <class Net>
void init(Net& net, std::uint64_t seed) {
    detail::uniform_source uniform(seed);
    net.reset_parameters(uniform);
}

}  // namespace typenet

#endif
