#include <typenet/shape.hpp>
#include <typenet/matrix.hpp>
#include <typenet/vector.hpp>

#include <catch2/catch.hpp>

namespace tn = typenet;

TEST_CASE("a Shape knows its rank, size, dimensions and printed form", "[shape]") {
    using Image = tn::Shape<6, 28, 28>;
    STATIC_REQUIRE(Image::rank == 3);
    STATIC_REQUIRE(Image::size == 6 * 28 * 28);
    STATIC_REQUIRE(Image::dims[1] == 28);
    STATIC_REQUIRE(Image::name().view() == "6, 28, 28");
    STATIC_REQUIRE(tn::Shape<784>::name().view() == "784");
    STATIC_REQUIRE(tn::shape<Image>);
    STATIC_REQUIRE_FALSE(tn::shape<int>);
}

TEST_CASE("Vector and Matrix are zero when value-initialised and index as documented", "[shape]") {
    tn::Vector<float, 3> v{};
    REQUIRE(v.size() == 3);
    REQUIRE((v[0] == 0 && v[1] == 0 && v[2] == 0));
    v[2] = 5;
    REQUIRE(v.data()[2] == 5);

    tn::Matrix<double, 2, 3> m{};
    m(1, 2) = 7;
    REQUIRE(m.data()[1 * 3 + 2] == 7);
    REQUIRE(m.row(1)[2] == 7);
    STATIC_REQUIRE(tn::Matrix<double, 2, 3>::rows() == 2 && tn::Matrix<double, 2, 3>::cols() == 3);
}

TEST_CASE("large tensors start on a cache line, small ones stay small", "[shape]") {
    STATIC_REQUIRE(alignof(tn::Vector<float, 128>) == 64);
    STATIC_REQUIRE(sizeof(tn::Vector<float, 3>) == 3 * sizeof(float));
}
