// The forward pass allocates nothing: every global operator new is counted around it.
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> allocations{0};
}

// Every replaceable form that the program may use is replaced, so that no allocation escapes the count and
// every block is freed by the allocator that made it.
void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    ++allocations;
    return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace tn = typenet;

TEST_CASE("the forward pass does not allocate", "[allocation]") {
    using Net = tn::Sequential<tn::Sequential<tn::Dense<64, 32>, tn::GELU>, tn::Dense<32, 16>, tn::Softmax>;
    static Net net;
    tn::init(net, 1);
    static tn::Vector<float, 64> x{};
    static tn::Matrix<float, 16, 64> batch{};
    float out[16];

    {
        auto* probe = new int(1);  // the counter itself works
        delete probe;
    }
    REQUIRE(allocations.load() > 0);

    const long before = allocations.load();
    const auto y = net(x);
    const auto ys = net(batch);
    net.forward(std::span<const float>(x.data(), 64), std::span<float>(out, 16));
    const long after = allocations.load();
    REQUIRE(after == before);
    REQUIRE(y[0] == Approx(ys(0, 0)));
    REQUIRE(out[0] == Approx(y[0]));
    STATIC_REQUIRE(noexcept(net(x)));
    STATIC_REQUIRE(noexcept(net(batch)));
}
