#ifndef TYPENET_IO_LOAD_ERROR_HPP
#define TYPENET_IO_LOAD_ERROR_HPP

#include <stdexcept>
#include <string>
#include <string_view>

namespace typenet {

/// What went wrong while loading parameters. Each value is one documented error of docs/weights.md.
enum class load_errc {
    cannot_read,            // the file does not exist, is not a regular file, or reading it failed
    truncated,              // the file ends before its header, or before the data its header describes
    header_too_large,       // the header length exceeds load_options::max_header_bytes
    invalid_json,           // the header is not JSON
    invalid_header,         // JSON, but not a safetensors header (fields, types, duplicate names)
    unsupported_dtype,      // a dtype other than F32, F64, F16, BF16
    size_mismatch,          // data_offsets span a different byte count than shape x dtype needs
    offsets_out_of_bounds,  // data_offsets reach past the end of the data section
    offsets_overlap,        // two tensors share bytes
    unused_data,            // bytes of the data section that no tensor covers (a hole or trailing bytes)
    missing_tensor,         // the network has a parameter the file lacks
    unexpected_tensor,      // the file has a tensor the network lacks
    shape_mismatch,         // the file's shape differs from the one the network's type fixes
    non_finite,             // NaN or Inf (or a value too large for the network's scalar type)
};

/// The name of an error code, as written in the documentation ("shape_mismatch").
constexpr std::string_view to_string(load_errc e) noexcept {
    switch (e) {
        case load_errc::cannot_read: return "cannot_read";
        case load_errc::truncated: return "truncated";
        case load_errc::header_too_large: return "header_too_large";
        case load_errc::invalid_json: return "invalid_json";
        case load_errc::invalid_header: return "invalid_header";
        case load_errc::unsupported_dtype: return "unsupported_dtype";
        case load_errc::size_mismatch: return "size_mismatch";
        case load_errc::offsets_out_of_bounds: return "offsets_out_of_bounds";
        case load_errc::offsets_overlap: return "offsets_overlap";
        case load_errc::unused_data: return "unused_data";
        case load_errc::missing_tensor: return "missing_tensor";
        case load_errc::unexpected_tensor: return "unexpected_tensor";
        case load_errc::shape_mismatch: return "shape_mismatch";
        case load_errc::non_finite: return "non_finite";
    }
    return "unknown";
}

/// Why a file or buffer could not be loaded into a network. The message starts with `typenet:`, names the
/// source, the tensor at fault, and the expected and found values in the terms of the network's type. When
/// this is thrown or returned, the network still holds exactly the parameters it had before the call.
class load_error : public std::runtime_error {
public:
    load_error(load_errc code, std::string tensor, const std::string& message)
        : std::runtime_error(message), code_(code), tensor_(std::move(tensor)) {}

    /// Which of the documented errors this is.
    load_errc code() const noexcept { return code_; }
    /// The tensor at fault, as named in the file or in the network ("2.weight"); empty when none is.
    const std::string& tensor() const noexcept { return tensor_; }

private:
    load_errc code_;
    std::string tensor_;
};

}  // namespace typenet

#endif
