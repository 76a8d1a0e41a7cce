// A small timing harness: every implementation of a case is timed in turn within each repetition
// (interleaved, so that a burst of load from another process hits all of them alike), and the median of the
// repetitions is reported. Time is the thread's CPU time, so that time slices lost to other processes on a
// shared machine are not counted; what they do to the caches still is.
#ifndef TYPENET_BENCH_HARNESS_HPP
#define TYPENET_BENCH_HARNESS_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <time.h>

namespace bench {

// Makes the compiler assume that p's memory is read and written here, so that a forward pass whose result
// is never used is still computed, and computed again on every iteration.
inline void escape(const void* p) {
    asm volatile("" : : "g"(p) : "memory");
}

struct implementation {
    std::string name;
    std::function<void(std::size_t)> run;  // runs the forward pass n times
    std::function<std::vector<float>()> output;
};

inline double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

inline double seconds_of(const std::function<void(std::size_t)>& run, std::size_t n) {
    const double t0 = cpu_seconds();
    run(n);
    return cpu_seconds() - t0;
}

// Median nanoseconds per forward pass of each implementation.
inline std::vector<double> time_interleaved(const std::vector<implementation>& impls, std::size_t repetitions,
                                            double seconds_per_sample) {
    std::vector<std::size_t> iterations;
    for (const auto& impl : impls) {
        impl.run(16);  // warm caches and lazy initialisation
        std::size_t n = 1;
        while (seconds_of(impl.run, n) < seconds_per_sample / 4) n *= 2;
        iterations.push_back(n * 4);
    }
    std::vector<std::vector<double>> samples(impls.size());
    for (std::size_t r = 0; r < repetitions; ++r)
        for (std::size_t k = 0; k < impls.size(); ++k) {
            const std::size_t i = (k + r) % impls.size();  // rotate who goes first
            samples[i].push_back(seconds_of(impls[i].run, iterations[i]) * 1e9 / static_cast<double>(iterations[i]));
        }
    std::vector<double> medians;
    for (auto& s : samples) {
        std::sort(s.begin(), s.end());
        medians.push_back(s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2);
    }
    return medians;
}

// Cycles per nanosecond, from a chain of dependent integer additions (one cycle each on every x86-64 core).
inline double measured_ghz() {
    auto chain = [](std::size_t n) {
        std::uint64_t x = 0;
        for (std::size_t i = 0; i < n; ++i) asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
        return x;
    };
    std::vector<double> ghz;
    for (int r = 0; r < 9; ++r) {
        const std::size_t n = 10'000'000;
        const double t0 = cpu_seconds();
        escape(reinterpret_cast<const void*>(chain(n)));
        ghz.push_back(4.0 * static_cast<double>(n) / ((cpu_seconds() - t0) * 1e9));
    }
    std::sort(ghz.begin(), ghz.end());
    return ghz[ghz.size() / 2];
}

}  // namespace bench

#endif
