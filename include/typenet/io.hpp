#ifndef TYPENET_IO_HPP
#define TYPENET_IO_HPP

// Loading and saving parameters (safetensors). Needs nlohmann-json: link typenet::io rather than
// typenet::typenet.
#include <typenet/io/load_error.hpp>
#include <typenet/io/safetensors.hpp>

#endif
