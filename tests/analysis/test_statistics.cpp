// running_statistics and histogram against a naive two-pass reference.
#include <typenet/analysis/statistics.hpp>
#include <typenet/analysis/random.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace ta = typenet::analysis;

namespace {

struct reference {
    long double mean = 0, std = 0, min = 0, max = 0;
    std::uint64_t finite = 0, nan = 0, inf = 0, zeros = 0;
};

// Two passes in long double over the finite values, as a textbook would.
reference naive(const std::vector<double>& v) {
    reference r;
    long double sum = 0;
    r.min = std::numeric_limits<long double>::infinity();
    r.max = -r.min;
    for (double x : v) {
        if (std::isnan(x)) { ++r.nan; continue; }
        if (std::isinf(x)) { ++r.inf; continue; }
        ++r.finite;
        sum += x;
        r.min = std::min<long double>(r.min, x);
        r.max = std::max<long double>(r.max, x);
        r.zeros += x == 0;
    }
    r.mean = sum / static_cast<long double>(r.finite);
    long double sq = 0;
    for (double x : v)
        if (std::isfinite(x)) sq += (x - r.mean) * (x - r.mean);
    r.std = std::sqrt(sq / static_cast<long double>(r.finite));
    return r;
}

void check_against_naive(const std::vector<double>& v, std::size_t batch) {
    ta::running_statistics s(20);
    for (std::size_t i = 0; i < v.size(); i += batch)
        s.add(std::span<const double>(v.data() + i, std::min(batch, v.size() - i)));
    const auto r = naive(v);
    REQUIRE(s.count() == v.size());
    REQUIRE(s.finite_count() == r.finite);
    REQUIRE(s.nan_count() == r.nan);
    REQUIRE(s.inf_count() == r.inf);
    REQUIRE(s.zero_count() == r.zeros);
    const double scale = std::max(1.0L, std::abs(r.mean) + r.std);
    REQUIRE(std::abs(s.mean() - static_cast<double>(r.mean)) <= 1e-12 * scale);
    REQUIRE(std::abs(s.std_dev() - static_cast<double>(r.std)) <= 1e-6 * static_cast<double>(r.std) + 1e-12 * scale);
    REQUIRE(s.min() == static_cast<double>(r.min));
    REQUIRE(s.max() == static_cast<double>(r.max));
    REQUIRE(s.hist().total() == r.finite);
}

}  // namespace

TEST_CASE("Welford statistics agree with a two-pass reference on random data", "[statistics]") {
    ta::gaussian g(7);
    std::vector<double> v(10007);
    for (auto& x : v) x = 3.0 + 2.5 * g();
    for (std::size_t batch : {std::size_t{1}, std::size_t{13}, std::size_t{1000}, v.size()}) check_against_naive(v, batch);

    std::vector<double> offset(5000);  // a large mean over a small spread: the case that breaks sum-of-squares
    for (auto& x : offset) x = 1e9 + g();
    check_against_naive(offset, 100);
}

TEST_CASE("constant inputs give the constant as mean and exactly zero spread", "[statistics]") {
    std::vector<float> v(1000, 0.1f);
    ta::running_statistics s;
    s.add(std::span<const float>(v));
    REQUIRE(s.mean() == static_cast<double>(0.1f));
    REQUIRE(s.std_dev() == 0.0);
    REQUIRE(s.min() == s.max());
    REQUIRE(s.hist().total() == 1000);

    ta::running_statistics zeros;
    std::vector<double> z(64, 0.0);
    zeros.add(std::span<const double>(z));
    REQUIRE(zeros.zero_share() == 1.0);
    REQUIRE(zeros.std_dev() == 0.0);
}

TEST_CASE("huge values (1e30) keep their relative accuracy", "[statistics]") {
    ta::gaussian g(3);
    std::vector<double> v(4096);
    for (auto& x : v) x = 1e30 * g();
    check_against_naive(v, 512);
    std::vector<float> f(v.begin(), v.end());
    ta::running_statistics s;
    s.add(std::span<const float>(f));
    REQUIRE(std::isfinite(s.std_dev()));
    REQUIRE(s.hist().total() == f.size());
}

TEST_CASE("NaN and infinities are counted and left out of the other statistics", "[statistics]") {
    ta::gaussian g(11);
    std::vector<double> v(3000);
    for (auto& x : v) x = g();
    for (std::size_t i = 0; i < v.size(); i += 7) v[i] = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 3; i < v.size(); i += 101) v[i] = (i % 2 ? 1 : -1) * std::numeric_limits<double>::infinity();
    check_against_naive(v, 64);

    ta::running_statistics only_nan;
    const double nans[] = {std::nan(""), std::nan("")};
    only_nan.add(std::span<const double>(nans));
    REQUIRE(only_nan.nan_count() == 2);
    REQUIRE(only_nan.finite_count() == 0);
    REQUIRE(std::isnan(only_nan.mean()));
    REQUIRE(only_nan.hist().total() == 0);
}

TEST_CASE("histograms sum to the count of finite values however the range grows", "[statistics][histogram]") {
    ta::gaussian g(5);
    ta::running_statistics s(17);  // an odd number of bins merges unevenly: still nothing is lost
    std::uint64_t added = 0;
    for (int round = 0; round < 50; ++round) {
        std::vector<double> batch(1 + round % 9);
        for (auto& x : batch) x = g() * std::pow(1.5, round % 20) + (round % 3 == 0 ? -100.0 * round : 10.0 * round);
        s.add(std::span<const double>(batch));
        added += batch.size();
        REQUIRE(s.hist().total() == added);
        REQUIRE(s.hist().low() <= s.min());
        REQUIRE(s.hist().high() >= s.max());
    }
}

TEST_CASE("a single batch is binned over exactly its range, as a naive histogram", "[statistics][histogram]") {
    ta::gaussian g(9);
    std::vector<double> v(999);
    for (auto& x : v) x = g();
    ta::running_statistics s(20);
    s.add(std::span<const double>(v));
    const auto& h = s.hist();
    REQUIRE(h.low() == s.min());
    REQUIRE(h.high() == Approx(s.max()).epsilon(1e-12));
    std::vector<std::uint64_t> expected(20, 0);
    for (double x : v) {
        auto bin = static_cast<std::size_t>((x - h.low()) / h.width());
        ++expected[std::min<std::size_t>(bin, 19)];
    }
    for (std::size_t b = 0; b < 20; ++b) REQUIRE(h.counts()[b] == expected[b]);
}

TEST_CASE("a fixed range counts values outside it in the edge bins", "[statistics][histogram]") {
    ta::histogram h(4);
    h.fix_range(0, 1);
    for (double x : {-5.0, 0.1, 0.3, 0.6, 0.9, 1.0, 7.0}) h.add(x);
    REQUIRE(h.total() == 7);
    REQUIRE(h.counts()[0] == 2);
    REQUIRE(h.counts()[1] == 1);
    REQUIRE(h.counts()[2] == 1);
    REQUIRE(h.counts()[3] == 3);
}

TEST_CASE("saturation is counted for Sigmoid and Tanh only", "[statistics]") {
    const double sig[] = {0.001, 0.5, 0.995, 0.2};
    ta::running_statistics s(10, ta::saturation_rule_for("Sigmoid"));
    s.add(std::span<const double>(sig));
    REQUIRE(s.saturated_count() == 2);
    REQUIRE(s.saturated_share() == 0.5);

    const double t[] = {-0.999, 0.0, 0.5, 0.9999};
    ta::running_statistics th(10, ta::saturation_rule_for("Tanh"));
    th.add(std::span<const double>(t));
    REQUIRE(th.saturated_count() == 2);

    ta::running_statistics relu(10, ta::saturation_rule_for("ReLU"));
    relu.add(std::span<const double>(t));
    REQUIRE(relu.saturated_count() == 0);
    REQUIRE(relu.rule() == ta::saturation_rule::none);
}
