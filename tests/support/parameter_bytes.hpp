// The bytes of every parameter of a network, in visiting order: two networks are equal bit for bit when
// these are. Used by the tests that check a load changes everything or nothing.
#ifndef TYPENET_TESTS_PARAMETER_BYTES_HPP
#define TYPENET_TESTS_PARAMETER_BYTES_HPP

#include <string_view>
#include <vector>

namespace test_support {

template <class Net>
std::vector<unsigned char> parameter_bytes(const Net& net) {
    std::vector<unsigned char> out;
    net.visit_parameters([&](std::string_view, const auto& tensor) {
        const auto* p = reinterpret_cast<const unsigned char*>(tensor.data());
        out.insert(out.end(), p, p + tensor.size() * sizeof(*tensor.data()));
    });
    return out;
}

}  // namespace test_support

#endif
