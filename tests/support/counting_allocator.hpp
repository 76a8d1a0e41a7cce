// Replaces the global operator new and delete with ones that count every allocation, for the tests that
// check that a forward pass allocates nothing. Include it from exactly one file of a test program.
#ifndef TYPENET_TESTS_COUNTING_ALLOCATOR_HPP
#define TYPENET_TESTS_COUNTING_ALLOCATOR_HPP

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace test_support {
inline std::atomic<long> allocations{0};
}

// Every replaceable form is replaced, so that no allocation escapes the count and every block is freed by
// the allocator that made it (ASan checks the pairing).
void* operator new(std::size_t size) {
    ++test_support::allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    ++test_support::allocations;
    return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

#endif
