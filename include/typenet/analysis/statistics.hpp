#ifndef TYPENET_ANALYSIS_STATISTICS_HPP
#define TYPENET_ANALYSIS_STATISTICS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace typenet::analysis {

/// Which outputs count as saturated: for Sigmoid those within 0.01 of 0 or 1, for Tanh those within 0.01
/// of -1 or 1 (where the derivative has fallen below about 4% and 2% of its peak). Other layers have none.
enum class saturation_rule { none, sigmoid, tanh };

constexpr saturation_rule saturation_rule_for(std::string_view kind) noexcept {
    if (kind == "Sigmoid") return saturation_rule::sigmoid;
    if (kind == "Tanh") return saturation_rule::tanh;
    return saturation_rule::none;
}

/// A histogram whose storage is allocated once, up front, so that adding values never allocates.
///
/// With an automatic range (the default) the first batch of values added sets the range to exactly its
/// minimum and maximum; a later value outside it doubles the bin width, merging neighbouring bins, until
/// it fits. Counts are never lost, so the counts always sum to the finite values added. With a fixed range
/// (`fix_range`) values outside are counted in the first or last bin.
class histogram {
public:
    explicit histogram(std::size_t bins = 20)
        : counts_(std::max<std::size_t>(bins, 1), 0), scratch_(counts_.size(), 0) {}

    std::size_t bins() const noexcept { return counts_.size(); }
    /// Left edge of the first bin, right edge of the last, width of each.
    double low() const noexcept { return low_; }
    double high() const noexcept { return low_ + width_ * static_cast<double>(counts_.size()); }
    double width() const noexcept { return width_; }
    double center(std::size_t bin) const noexcept { return low_ + width_ * (static_cast<double>(bin) + 0.5); }
    std::span<const std::uint64_t> counts() const noexcept { return counts_; }
    std::uint64_t total() const noexcept {
        std::uint64_t t = 0;
        for (auto c : counts_) t += c;
        return t;
    }
    bool has_range() const noexcept { return ranged_; }

    /// Bins spread evenly over [low, high]; values outside go to the first or last bin.
    void fix_range(double low, double high) noexcept {
        if (!(high > low)) high = low + 1;
        low_ = low;
        width_ = (high - low) / static_cast<double>(counts_.size());
        widen_to(high);
        ranged_ = fixed_ = true;
    }

    /// Adds the finite ones of a batch of values whose finite minimum and maximum are known.
    template <class T>
    void add_batch_of(std::span<const T> values, double min, double max) noexcept {
        cover(min, max);
        for (T v : values)
            if (std::isfinite(static_cast<double>(v))) add_in_range(static_cast<double>(v));
    }
    /// Adds one finite value.
    void add(double v) noexcept {
        cover(v, v);
        add_in_range(v);
    }

private:
    void cover(double min, double max) noexcept {
        if (fixed_) return;
        if (!ranged_) {
            low_ = min;
            width_ = max > min ? (max - min) / static_cast<double>(counts_.size()) : 0;
            widen_to(max);
            ranged_ = true;
        }
        if (width_ == 0) {
            if (max == low_ && min == low_) return;  // still a single value: one bin holds it all
            // The first values were all equal: spread the bins from them to the new extreme.
            const double lo = std::min(min, low_), hi = std::max(max, low_);
            std::uint64_t all = total();
            std::fill(counts_.begin(), counts_.end(), 0);
            low_ = lo;
            width_ = (hi - lo) / static_cast<double>(counts_.size());
            widen_to(hi);
            counts_[index_of(saved_value_)] = all;
            return;
        }
        // Double the width toward the side that needs it until [min, max] fits; bounded by the exponent range.
        for (int guard = 0; guard < 2200 && (min < low_ || max > high()); ++guard) {
            const std::size_t n = counts_.size();
            const bool downward = min < low_;
            std::vector<std::uint64_t>& c = counts_;
            if (downward) {
                // New range ends where the old one ended; old bin j lands in new bin (n + j) / 2.
                for (std::size_t k = 0; k < n; ++k) {
                    std::uint64_t sum = 0;
                    for (std::size_t j = 0; j < n; ++j)
                        if ((n + j) / 2 == k) sum += c[j];
                    scratch_at(k) = sum;
                }
                low_ = high() - 2 * width_ * static_cast<double>(n);
            } else {
                for (std::size_t k = 0; k < n; ++k) scratch_at(k) = (2 * k < n ? c[2 * k] : 0) + (2 * k + 1 < n ? c[2 * k + 1] : 0);
            }
            width_ *= 2;
            for (std::size_t k = 0; k < n; ++k) c[k] = scratch_at(k);
            if (!std::isfinite(width_)) break;
        }
    }

    // (max - min) / n * n can round below max; the smallest wider width puts max inside the last bin.
    void widen_to(double max) noexcept {
        for (int i = 0; i < 64 && width_ > 0 && std::isfinite(width_) && high() < max; ++i)
            width_ = std::nextafter(width_, std::numeric_limits<double>::infinity());
    }

    std::uint64_t& scratch_at(std::size_t k) noexcept { return scratch_[k]; }

    std::size_t index_of(double v) const noexcept {
        if (width_ == 0) return 0;
        const double position = (v - low_) / width_;
        if (!(position > 0)) return 0;  // also NaN from an infinite width
        const auto last = counts_.size() - 1;
        return position >= static_cast<double>(last) ? last : static_cast<std::size_t>(position);
    }

    void add_in_range(double v) noexcept {
        if (width_ == 0) saved_value_ = v;
        ++counts_[index_of(v)];
    }

    std::vector<std::uint64_t> counts_;
    std::vector<std::uint64_t> scratch_;  // for widening, allocated with the counts so that adding never allocates
    double low_ = 0;
    double width_ = 0;
    double saved_value_ = 0;
    bool ranged_ = false;
    bool fixed_ = false;
};

/// Statistics of a stream of values in one pass: Welford's mean and variance (population, as numpy.std),
/// min, max, exact zeros, saturated outputs, NaN and infinities, and a histogram. NaN and infinities are
/// counted but left out of everything else, so one NaN does not hide what the finite values do.
class running_statistics {
public:
    explicit running_statistics(std::size_t bins = 20, saturation_rule rule = saturation_rule::none)
        : histogram_(bins), rule_(rule) {}

    /// Adds a batch of values; allocation-free.
    template <class T>
    void add(std::span<const T> values) noexcept {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (T raw : values) {
            const double v = static_cast<double>(raw);
            ++count_;
            if (std::isnan(v)) {
                ++nan_;
                continue;
            }
            if (std::isinf(v)) {
                ++inf_;
                continue;
            }
            ++finite_;
            const double delta = v - mean_;
            mean_ += delta / static_cast<double>(finite_);
            m2_ += delta * (v - mean_);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            zeros_ += v == 0;
            saturated_ += is_saturated(v);
        }
        if (lo <= hi) {
            min_ = std::min(min_, lo);
            max_ = std::max(max_, hi);
            histogram_.add_batch_of(values, lo, hi);
        }
    }
    template <class T>
    void add(T v) noexcept {
        add(std::span<const T>(&v, 1));
    }

    /// Every value added, finite or not.
    std::uint64_t count() const noexcept { return count_; }
    std::uint64_t finite_count() const noexcept { return finite_; }
    std::uint64_t nan_count() const noexcept { return nan_; }
    std::uint64_t inf_count() const noexcept { return inf_; }
    double mean() const noexcept { return finite_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
    double variance() const noexcept { return finite_ ? m2_ / static_cast<double>(finite_) : std::numeric_limits<double>::quiet_NaN(); }
    double std_dev() const noexcept { return std::sqrt(variance()); }
    double min() const noexcept { return finite_ ? min_ : std::numeric_limits<double>::quiet_NaN(); }
    double max() const noexcept { return finite_ ? max_ : std::numeric_limits<double>::quiet_NaN(); }
    /// Shares of the finite values (0 when there are none).
    double zero_share() const noexcept { return share(zeros_); }
    double saturated_share() const noexcept { return share(saturated_); }
    std::uint64_t zero_count() const noexcept { return zeros_; }
    std::uint64_t saturated_count() const noexcept { return saturated_; }
    saturation_rule rule() const noexcept { return rule_; }
    const histogram& hist() const noexcept { return histogram_; }
    histogram& hist() noexcept { return histogram_; }

private:
    double share(std::uint64_t n) const noexcept {
        return finite_ ? static_cast<double>(n) / static_cast<double>(finite_) : 0.0;
    }
    bool is_saturated(double v) const noexcept {
        switch (rule_) {
        case saturation_rule::sigmoid: return v <= 0.01 || v >= 0.99;
        case saturation_rule::tanh: return v <= -0.99 || v >= 0.99;
        default: return false;
        }
    }

    histogram histogram_;
    saturation_rule rule_;
    std::uint64_t count_ = 0, finite_ = 0, nan_ = 0, inf_ = 0, zeros_ = 0, saturated_ = 0;
    double mean_ = 0, m2_ = 0;
    double min_ = std::numeric_limits<double>::infinity();
    double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace typenet::analysis

#endif
