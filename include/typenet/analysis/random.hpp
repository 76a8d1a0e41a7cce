#ifndef TYPENET_ANALYSIS_RANDOM_HPP
#define TYPENET_ANALYSIS_RANDOM_HPP

#include <cmath>
#include <cstdint>
#include <random>

namespace typenet::analysis {

/// Standard normal numbers from a seed, the same on every platform and compiler: std::mt19937_64 (whose
/// output the standard fixes) turned into normals by Marsaglia's polar method written here, because
/// std::normal_distribution's algorithm is left to each standard library.
class gaussian {
public:
    explicit gaussian(std::uint64_t seed) : engine_(seed) {}

    /// A uniform number in [0, 1) from 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1p-53; }

    double operator()() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u, v, s;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double factor = std::sqrt(-2 * std::log(s) / s);
        spare_ = v * factor;
        has_spare_ = true;
        return u * factor;
    }

private:
    std::mt19937_64 engine_;
    double spare_ = 0;
    bool has_spare_ = false;
};

}  // namespace typenet::analysis

#endif
