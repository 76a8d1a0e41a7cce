#ifndef TYPENET_SHAPE_ERROR_HPP
#define TYPENET_SHAPE_ERROR_HPP

#include <stdexcept>

namespace typenet {

/// Thrown when data whose size is only known at run time does not fit the network: the message gives the
/// expected and the actual sizes.
class shape_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace typenet

#endif
