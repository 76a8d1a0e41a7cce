#!/usr/bin/env python3
"""Export a trained PyTorch nn.Sequential to typenet: a C++ type, its weights, and optionally the weights as
constexpr data.

    python3 codegen/export_torch.py MODULE:ATTRIBUTE -o OUTDIR [--name Net] [--namespace NS]
                                    [--state-dict FILE] [--constexpr] [--input-shape C,H,W]

MODULE is an importable module name or a path to a .py file; ATTRIBUTE names an nn.Sequential in it, or a
function that returns one. --state-dict loads trained parameters (a file written by torch.save(model.state_dict()))
into it first. With --name DigitsNet the outputs are, in OUTDIR:

    digits_net.hpp               `using DigitsNet = typenet::Sequential<...>;`
    digits_net.safetensors       the parameters, for tn::load(net, "digits_net.safetensors")
    digits_net_constexpr.hpp     (--constexpr) `inline constexpr DigitsNet digits_net{...};`, the parameters as
                                 exact hexadecimal float literals

Supported modules: Linear, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax(dim=-1 or 1), GELU (approximate='none'),
SiLU, Identity, Dropout (the identity at inference), Conv2d (square kernels; any stride, padding, dilation and
groups), MaxPool2d, AvgPool2d (count_include_pad=True), Flatten, BatchNorm2d (eps 1e-5, affine, with running
statistics) and nested Sequential. A network (or a nested Sequential) that does not start with Linear needs
--input-shape C,H,W: it then starts with typenet::Input<C, H, W>, which takes no index in parameter names.
Needs only the Python standard library and torch.
"""

import argparse
import importlib
import importlib.util
import json
import math
import os
import re
import struct
import sys
from fractions import Fraction

import torch
from torch import nn


class ExportError(Exception):
    """A model typenet cannot represent; the message says which module and why."""


SUPPORTED = ("Linear, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax(dim=-1), GELU(approximate='none'), SiLU, "
             "Identity, Dropout, Conv2d, MaxPool2d, AvgPool2d, Flatten, BatchNorm2d, Sequential")

SIMPLE = {nn.ReLU: "typenet::ReLU", nn.Sigmoid: "typenet::Sigmoid", nn.Tanh: "typenet::Tanh",
          nn.SiLU: "typenet::SiLU", nn.Identity: "typenet::Identity"}

UINT64_MAX = 2**64 - 1


def _float32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def leaky_slope(slope, scalar, where):
    """Num and Den with Num / Den computing the same slope as PyTorch does, or an ExportError."""
    if not math.isfinite(slope) or slope < 0:
        raise ExportError(f"{where}: LeakyReLU(negative_slope={slope!r}): typenet's slope is a non-negative "
                          "fraction Num/Den")
    # PyTorch multiplies by the slope converted to the tensor's scalar type; typenet by Num/Den converted
    # to it. Prefer a short fraction (1/100) and fall back to the exact binary one.
    same = (lambda f: f == slope) if scalar == "double" else (lambda f: _float32(f) == _float32(slope))
    candidates = [Fraction(slope).limit_denominator(10**k) for k in range(1, 19)] + [Fraction(slope)]
    for f in candidates:
        if f.numerator <= UINT64_MAX and 0 < f.denominator <= UINT64_MAX and same(f.numerator / f.denominator):
            return f.numerator, f.denominator
    raise ExportError(f"{where}: LeakyReLU(negative_slope={slope!r}) is not a fraction Num/Den of 64-bit "
                      "integers that gives the same slope; choose a slope such as 0.01 or 0.2")


def _uint(n):
    return f"{n}" if n < 2**63 else f"{n}ULL"


class Layer:
    def __init__(self, cpp, module=None, children=None, params=()):
        self.cpp = cpp            # the C++ type, as typenet spells it (a function of the scalar type for some)
        self.module = module
        self.children = children  # for a nested Sequential
        self.params = list(params)  # (suffix, tensor) as they go to the file, in state_dict order
        self.input_dims = None    # the sample shape a nested Sequential receives, when known


def _note(message):
    print(f"export_torch.py: note: {message}", file=sys.stderr)


def convert(seq, where="the model"):
    """The typenet layers of an nn.Sequential, or an ExportError naming every module that does not fit."""
    if not isinstance(seq, nn.Sequential):
        raise ExportError(f"{where} is a {type(seq).__name__}; typenet exports an nn.Sequential")
    if len(seq) == 0:
        raise ExportError(f"{where} is an empty nn.Sequential; a network needs at least one layer")
    layers, problems = [], []
    for position, (key, module) in enumerate(seq.named_children()):
        at = f"module {key!r}" if where == "the model" else f"{where}, module {key!r}"
        try:
            layers.append(convert_module(module, at))
        except ExportError as e:
            problems.append(str(e))
    if problems:
        raise ExportError("\n".join(problems))
    return layers


def _starts_with_linear(layers):
    return _first_leaf(layers[0]).module.__class__ is nn.Linear


def _first_leaf(layer):
    return _first_leaf(layer.children[0]) if layer.children else layer


def _square(value, what, at):
    """An int, or a pair of equal ints, as one int: typenet's windows are square."""
    if isinstance(value, (tuple, list)):
        if len(set(value)) != 1:
            raise ExportError(f"{at}: {what}={tuple(value)} is not supported; typenet's {what} is the same in "
                              "both directions")
        value = value[0]
    if not isinstance(value, int):
        raise ExportError(f"{at}: {what}={value!r} is not supported; give it as a number")
    return value


def _options(pairs):
    return "".join(f", typenet::{name}<{value}>" for name, value, default in pairs if value != default)


def _scalar_of(tensor, what, at):
    scalar = {torch.float32: "float", torch.float64: "double"}.get(tensor.dtype)
    if scalar is None:
        raise ExportError(f"{at}: {what} has dtype {tensor.dtype}; typenet exports float32 and float64")
    return scalar


def _bias_or_zeros(m, what, at):
    if m.bias is not None:
        return m.bias.detach().cpu()
    _note(f"{at}: {what} has no bias; typenet's always has one, so the export writes zeros, which compute the same")
    return torch.zeros(m.weight.shape[0], dtype=m.weight.dtype)


def convert_module(m, at):
    if isinstance(m, nn.Sequential):
        return Layer(None, m, children=convert(m, at))  # spelled by _resolve
    if isinstance(m, nn.Linear):
        extra = "" if _scalar_of(m.weight, "Linear", at) == "float" else ", double"
        return Layer(f"typenet::Dense<{m.in_features}, {m.out_features}{extra}>", m,
                     params=[("weight", m.weight.detach().cpu()), ("bias", _bias_or_zeros(m, "Linear", at))])
    if type(m) is nn.Conv2d:
        _scalar_of(m.weight, "Conv2d", at)
        if m.padding_mode != "zeros" or isinstance(m.padding, str):
            raise ExportError(f"{at}: Conv2d(padding={m.padding!r}, padding_mode={m.padding_mode!r}) is not "
                              "supported; typenet pads with zeros by a number of pixels")
        kernel = _square(m.kernel_size, "kernel_size", at)
        options = _options([("Padding", _square(m.padding, "padding", at), 0),
                            ("Stride", _square(m.stride, "stride", at), 1),
                            ("Dilation", _square(m.dilation, "dilation", at), 1), ("Groups", m.groups, 1)])
        base = f"typenet::Conv2D<{m.in_channels}, {m.out_channels}, {kernel}{options}"
        return Layer(lambda scalar: base + ("" if scalar == "float" else ", typenet::Scalar<double>") + ">", m,
                     params=[("weight", m.weight.detach().cpu()), ("bias", _bias_or_zeros(m, "Conv2d", at))])
    if type(m) in (nn.MaxPool2d, nn.AvgPool2d):
        name = "MaxPool2D" if type(m) is nn.MaxPool2d else "AvgPool2D"
        if m.ceil_mode or getattr(m, "return_indices", False) or not getattr(m, "count_include_pad", True) \
                or getattr(m, "divisor_override", None) is not None:
            raise ExportError(f"{at}: {m} is not supported; typenet pools with ceil_mode=False (and, averaging, "
                              "count_include_pad=True without divisor_override)")
        kernel = _square(m.kernel_size, "kernel_size", at)
        stride = kernel if m.stride is None else _square(m.stride, "stride", at)
        dilation = _square(getattr(m, "dilation", 1), "dilation", at)
        options = _options([("Stride", stride, kernel), ("Padding", _square(m.padding, "padding", at), 0),
                            ("Dilation", dilation, 1)])
        return Layer(f"typenet::{name}<{kernel}{options}>", m)
    if type(m) is nn.Flatten:
        if m.start_dim != 1 or m.end_dim != -1:
            raise ExportError(f"{at}: Flatten(start_dim={m.start_dim}, end_dim={m.end_dim}) is not supported; "
                              "typenet's Flatten makes each sample a vector, Flatten(1, -1)")
        return Layer("typenet::Flatten", m)
    if type(m) is nn.BatchNorm2d:
        if not m.affine or not m.track_running_stats or m.eps != 1e-5:
            raise ExportError(f"{at}: {m} is not supported; typenet's BatchNorm2D has eps=1e-5, affine=True and "
                              "running statistics")
        _scalar_of(m.weight, "BatchNorm2d", at)
        base = f"typenet::BatchNorm2D<{m.num_features}"
        return Layer(lambda scalar: base + ("" if scalar == "float" else ", typenet::Scalar<double>") + ">", m,
                     params=[(n, getattr(m, n).detach().cpu()) for n in ("weight", "bias", "running_mean", "running_var")])
    for cls, cpp in SIMPLE.items():
        if type(m) is cls:
            return Layer(cpp, m)
    if type(m) is nn.LeakyReLU:
        return Layer(("leaky", m.negative_slope), m)  # resolved once the scalar type is known
    if type(m) is nn.GELU:
        if m.approximate != "none":
            raise ExportError(f"{at}: GELU(approximate={m.approximate!r}) is not supported; typenet's GELU is "
                              "the exact erf form, GELU(approximate='none')")
        return Layer("typenet::GELU", m)
    if type(m) is nn.Softmax:
        if m.dim not in (-1, 1, None):
            raise ExportError(f"{at}: Softmax(dim={m.dim}) is not supported; typenet's Softmax works over the "
                              "features of each sample, Softmax(dim=-1) or Softmax(dim=1)")
        return Layer("typenet::Softmax", m)
    if isinstance(m, nn.Dropout):
        return Layer("typenet::Dropout", m)
    raise ExportError(f"{at}: {type(m).__module__}.{type(m).__name__} ({m}) is not supported; typenet exports "
                      f"{SUPPORTED}")


def _walk(layers, prefix=""):
    for i, layer in enumerate(layers):
        if layer.children:
            yield from _walk(layer.children, f"{prefix}{i}.")
        else:
            yield f"{prefix}{i}", layer


def _input_layer(dims):
    return Layer(f"typenet::Input<{', '.join(str(d) for d in dims)}>")


def _measure_inputs(model, layers, input_shape, dtype):
    """Records the sample shape each nested Sequential receives, by running the model once on zeros."""
    seen, hooks = {}, []

    def record(module, args):  # returns None: the input goes on unchanged
        seen.setdefault(id(module), tuple(args[0].shape[1:]))

    for m in model.modules():
        if isinstance(m, nn.Sequential):
            hooks.append(m.register_forward_pre_hook(record))
    try:
        with torch.no_grad():
            model(torch.zeros((1, *input_shape), dtype=dtype))
    except RuntimeError as e:
        raise ExportError(f"the model does not run on an input of shape {tuple(input_shape)}: {e}") from None
    finally:
        for h in hooks:
            h.remove()

    def mark(ls):
        for layer in ls:
            if layer.children:
                layer.input_dims = seen.get(id(layer.module))
                mark(layer.children)
    mark(layers)


def _with_inputs(layers, dims, where):
    """Puts typenet::Input<...> before every Sequential that does not start with Linear (PyTorch needs none)."""
    for layer in layers:
        if layer.children:
            layer.children = _with_inputs(layer.children, layer.input_dims, f"the Sequential {layer.module}")
    if _starts_with_linear(layers):
        return layers
    if dims is None:
        raise ExportError(f"{where} starts with {type(_first_leaf(layers[0]).module).__name__}, which works on "
                          "any size; give the input shape with --input-shape (e.g. --input-shape 1,28,28)")
    return [_input_layer(dims)] + layers


def _resolve(layers, scalar):
    """Spells the layers whose type depends on the scalar type, and rebuilds the nested type names."""
    for i, layer in enumerate(layers):
        if layer.children:
            _resolve(layer.children, scalar)
            layer.cpp = "typenet::Sequential<" + ", ".join(c.cpp for c in layer.children) + ">"
        elif callable(layer.cpp):
            layer.cpp = layer.cpp(scalar)
        elif isinstance(layer.cpp, tuple):
            num, den = leaky_slope(layer.cpp[1], scalar, f"LeakyReLU at position {i}")
            layer.cpp = "typenet::LeakyReLU" if (num, den) == (1, 100) else \
                f"typenet::LeakyReLUWithSlope<{_uint(num)}, {_uint(den)}>"


def snake_case(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _hex(value, scalar):
    if not math.isfinite(value):
        raise ExportError(f"a parameter is {value}; typenet refuses non-finite weights")
    text = float.hex(value)
    text = re.sub(r"\.?0+p", "p", text) if "." in text else text  # 0x1.8000000000000p+1 -> 0x1.8p+1
    return text + ("f" if scalar == "float" else "")


def _values(tensor):
    return [float(v) for v in tensor.reshape(-1).tolist()]


def _check_finite(name, tensor):
    if not bool(torch.isfinite(tensor).all()):
        raise ExportError(f"parameter {name!r} holds NaN or Inf; typenet refuses non-finite weights")


def safetensors_bytes(tensors, metadata):
    """The safetensors file of (name, tensor) pairs, written with the standard library alone."""
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, tensor in tensors:
        fmt = {torch.float32: ("F32", "f"), torch.float64: ("F64", "d")}[tensor.dtype]
        values = _values(tensor)
        data = struct.pack(f"<{len(values)}{fmt[1]}", *values)
        header[name] = {"dtype": fmt[0], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def _constexpr_layer(layer, scalar, indent):
    pad = " " * indent
    if layer.children:
        inner = ",\n".join(_constexpr_layer(c, scalar, indent + 4) for c in layer.children)
        return f"{pad}{layer.cpp}{{\n{inner}}}"
    if not layer.params:
        return f"{pad}{layer.cpp}{{}}"

    def block(tensor):
        values = [_hex(v, scalar) for v in _values(tensor)]
        lines = [", ".join(values[i:i + 6]) for i in range(0, len(values), 6)]
        body = (",\n" + pad + "      ").join(lines)
        return f"{pad}    {{{{{body}}}}}"  # {{...}}: the Matrix, Vector or Tensor, then its array

    blocks = ",\n".join(f"{pad}    // {suffix}, {'x'.join(str(d) for d in tensor.shape)}\n{block(tensor)}"
                         for suffix, tensor in layer.params)
    return f"{pad}{layer.cpp}{{\n{blocks}}}"


def export(model, outdir, name="Net", namespace=None, constexpr=False, source="a PyTorch model", input_shape=None):
    """Writes the type header, the safetensors file and, with constexpr=True, the constexpr header.
    Returns the paths written."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ExportError(f"--name {name!r} is not a C++ identifier")
    model = model.eval()
    layers = convert(model)
    leaves = list(_walk(layers))  # positions as PyTorch names them, before any Input is put in
    dtypes = {t.dtype for _, l in leaves for _, t in l.params}
    if len(dtypes) > 1:
        raise ExportError("the model mixes float32 and float64 parameters; convert it with .float() or .double()")
    scalar = "double" if dtypes == {torch.float64} else "float"
    if input_shape is not None:
        _measure_inputs(model, layers, input_shape, torch.float64 if scalar == "double" else torch.float32)
    layers = _with_inputs(layers, tuple(input_shape) if input_shape is not None else None, "the model")
    _resolve(layers, scalar)
    tensors = [(f"{position}.{suffix}", tensor) for position, layer in leaves for suffix, tensor in layer.params]
    for tensor_name, tensor in tensors:
        _check_finite(tensor_name, tensor)
    # Running statistics are buffers, not parameters, for PyTorch, torchinfo and typenet alike.
    parameter_count = sum(t.numel() for n, t in tensors if not n.endswith((".running_mean", ".running_var")))

    stem = snake_case(name)
    os.makedirs(outdir, exist_ok=True)
    guard = re.sub(r"\W", "_", f"{namespace or ''}_{stem}").strip("_").upper()
    ns_open = f"namespace {namespace} {{\n\n" if namespace else ""
    ns_close = f"\n}}  // namespace {namespace}\n" if namespace else ""
    generated = f"// Generated by codegen/export_torch.py from {source}. Regenerate it rather than edit it.\n"
    type_list = ",\n".join("    " + l.cpp for l in layers)

    paths = {"type": os.path.join(outdir, f"{stem}.hpp"),
             "safetensors": os.path.join(outdir, f"{stem}.safetensors")}
    with open(paths["type"], "w") as f:
        f.write(f"{generated}#ifndef {guard}_HPP\n#define {guard}_HPP\n\n#include <typenet/typenet.hpp>\n\n"
                f"{ns_open}using {name} = typenet::Sequential<\n{type_list}>;\n\n"
                f"static_assert({name}::parameter_count == {parameter_count});\n"
                f"{ns_close}\n#endif\n")
    with open(paths["safetensors"], "wb") as f:
        f.write(safetensors_bytes(tensors, {"format": "pt"}))
    if constexpr:
        paths["constexpr"] = os.path.join(outdir, f"{stem}_constexpr.hpp")
        body = ",\n".join(_constexpr_layer(l, scalar, 4) for l in layers)
        with open(paths["constexpr"], "w") as f:
            f.write(f"{generated}// The trained parameters as exact hexadecimal literals: the network lives in "
                    f"read-only memory\n// and can be evaluated in constant expressions.\n"
                    f"#ifndef {guard}_CONSTEXPR_HPP\n#define {guard}_CONSTEXPR_HPP\n\n"
                    f"#include \"{stem}.hpp\"\n\n{ns_open}inline constexpr {name} {stem}{{\n{body}}};\n"
                    f"{ns_close}\n#endif\n")
    return paths


def load_target(spec):
    """The object named by MODULE:ATTRIBUTE; a function is called to give the model."""
    module_name, sep, attribute = spec.rpartition(":")
    if not sep or not module_name or not attribute:
        raise ExportError(f"{spec!r} is not MODULE:ATTRIBUTE (e.g. mymodels:net or path/to/train.py:model)")
    if module_name.endswith(".py") or os.sep in module_name:
        path = os.path.abspath(module_name)
        if not os.path.isfile(path):
            raise ExportError(f"no such file: {module_name}")
        sys.path.insert(0, os.path.dirname(path))
        spec_ = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
        module = importlib.util.module_from_spec(spec_)
        spec_.loader.exec_module(module)
    else:
        sys.path.insert(0, os.getcwd())
        module = importlib.import_module(module_name)
    target = module
    for part in attribute.split("."):
        if not hasattr(target, part):
            raise ExportError(f"{module_name} has no attribute {attribute!r}")
        target = getattr(target, part)
    if callable(target) and not isinstance(target, nn.Module):
        target = target()
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", metavar="MODULE:ATTRIBUTE", help="the nn.Sequential to export")
    parser.add_argument("-o", "--outdir", required=True, help="directory for the generated files")
    parser.add_argument("--name", default="Net", help="the C++ type alias (default Net); files are named after it")
    parser.add_argument("--namespace", help="C++ namespace of the generated names")
    parser.add_argument("--state-dict", help="trained parameters to load into the model before export")
    parser.add_argument("--constexpr", action="store_true", help="also write the parameters as constexpr data")
    parser.add_argument("--input-shape", help="shape of one sample, e.g. 1,28,28, for a network that does not "
                                              "start with Linear")
    args = parser.parse_args(argv)
    try:
        model = load_target(args.target)
        if args.state_dict:
            model.load_state_dict(torch.load(args.state_dict, map_location="cpu", weights_only=True))
        input_shape = None
        if args.input_shape:
            try:
                input_shape = [int(d) for d in args.input_shape.split(",")]
            except ValueError:
                raise ExportError(f"--input-shape {args.input_shape!r} is not a list of sizes like 1,28,28") from None
        paths = export(model, args.outdir, args.name, args.namespace, args.constexpr, args.target, input_shape)
    except ExportError as e:
        print(f"export_torch.py: error: {e}", file=sys.stderr)
        return 2
    for path in paths.values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
