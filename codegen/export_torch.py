#!/usr/bin/env python3
"""Export a trained PyTorch nn.Sequential to typenet: a C++ type, its weights, and optionally the weights as
constexpr data.

    python3 codegen/export_torch.py MODULE:ATTRIBUTE -o OUTDIR [--name Net] [--namespace NS]
                                    [--state-dict FILE] [--constexpr]

MODULE is an importable module name or a path to a .py file; ATTRIBUTE names an nn.Sequential in it, or a
function that returns one. --state-dict loads trained parameters (a file written by torch.save(model.state_dict()))
into it first. With --name DigitsNet the outputs are, in OUTDIR:

    digits_net.hpp               `using DigitsNet = typenet::Sequential<...>;`
    digits_net.safetensors       the parameters, for tn::load(net, "digits_net.safetensors")
    digits_net_constexpr.hpp     (--constexpr) `inline constexpr DigitsNet digits_net{...};`, the parameters as
                                 exact hexadecimal float literals

Supported modules: Linear, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax(dim=-1 or 1), GELU (approximate='none'),
SiLU, Identity, Dropout (exported as Identity: dropout does nothing at inference) and nested Sequential.
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
             "Identity, Dropout, Sequential")

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
    def __init__(self, cpp, module=None, children=None, weight=None, bias=None):
        self.cpp = cpp            # the C++ type, as typenet spells it
        self.module = module
        self.children = children  # for a nested Sequential
        self.weight = weight      # for Linear: tensors as they go to the file
        self.bias = bias


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
    if _first_leaf(layers[0]).module.__class__ is not nn.Linear:
        raise ExportError(f"{where} starts with {type(_first_leaf(layers[0]).module).__name__}; typenet takes "
                          "the input size of a network from its first layer, so each Sequential must start "
                          "with nn.Linear")
    return layers


def _first_leaf(layer):
    return _first_leaf(layer.children[0]) if layer.children else layer


def convert_module(m, at):
    if isinstance(m, nn.Sequential):
        return Layer(None, m, children=convert(m, at))  # spelled by _resolve
    if isinstance(m, nn.Linear):
        scalar = {torch.float32: "float", torch.float64: "double"}.get(m.weight.dtype)
        if scalar is None:
            raise ExportError(f"{at}: Linear has dtype {m.weight.dtype}; typenet exports float32 and float64")
        bias = m.bias
        if bias is None:
            _note(f"{at}: Linear has no bias; typenet's Dense always has one, so the export writes zeros, "
                  "which compute the same")
            bias = torch.zeros(m.out_features, dtype=m.weight.dtype)
        extra = "" if scalar == "float" else ", double"
        return Layer(f"typenet::Dense<{m.in_features}, {m.out_features}{extra}>", m,
                     weight=m.weight.detach().cpu(), bias=bias.detach().cpu())
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
        _note(f"{at}: {m} is exported as typenet::Identity: dropout does nothing at inference")
        return Layer("typenet::Identity", m)
    raise ExportError(f"{at}: {type(m).__module__}.{type(m).__name__} ({m}) is not supported; typenet exports "
                      f"{SUPPORTED}")


def _walk(layers, prefix=""):
    for i, layer in enumerate(layers):
        if layer.children:
            yield from _walk(layer.children, f"{prefix}{i}.")
        else:
            yield f"{prefix}{i}", layer


def _resolve(layers, scalar):
    """Spells LeakyReLU once the scalar type is known, and rebuilds the nested type names."""
    for i, layer in enumerate(layers):
        if layer.children:
            _resolve(layer.children, scalar)
            layer.cpp = "typenet::Sequential<" + ", ".join(c.cpp for c in layer.children) + ">"
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
    if layer.weight is None:
        return f"{pad}{layer.cpp}{{}}"

    def block(tensor, what):
        values = [_hex(v, scalar) for v in _values(tensor)]
        lines = [", ".join(values[i:i + 6]) for i in range(0, len(values), 6)]
        body = (",\n" + pad + "      ").join(lines)
        return f"{pad}    {{{{{body}}}}}"  # {{...}}: the Matrix or Vector, then its array

    shape = "x".join(str(d) for d in layer.weight.shape)
    return (f"{pad}{layer.cpp}{{\n{pad}    // weight, {shape}\n{block(layer.weight, 'weight')},\n"
            f"{pad}    // bias\n{block(layer.bias, 'bias')}}}")


def export(model, outdir, name="Net", namespace=None, constexpr=False, source="a PyTorch model"):
    """Writes the type header, the safetensors file and, with constexpr=True, the constexpr header.
    Returns the paths written."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ExportError(f"--name {name!r} is not a C++ identifier")
    model = model.eval()
    layers = convert(model)
    leaves = list(_walk(layers))
    scalars = {("float" if l.weight.dtype == torch.float32 else "double") for _, l in leaves if l.weight is not None}
    if len(scalars) > 1:
        raise ExportError("the model mixes float32 and float64 Linear layers; convert it with .float() or .double()")
    scalar = scalars.pop() if scalars else "float"
    _resolve(layers, scalar)
    tensors = []
    for position, layer in leaves:
        if layer.weight is not None:
            tensors += [(f"{position}.weight", layer.weight), (f"{position}.bias", layer.bias)]
    for tensor_name, tensor in tensors:
        _check_finite(tensor_name, tensor)
    parameter_count = sum(t.numel() for _, t in tensors)

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
    args = parser.parse_args(argv)
    try:
        model = load_target(args.target)
        if args.state_dict:
            model.load_state_dict(torch.load(args.state_dict, map_location="cpu", weights_only=True))
        paths = export(model, args.outdir, args.name, args.namespace, args.constexpr, args.target)
    except ExportError as e:
        print(f"export_torch.py: error: {e}", file=sys.stderr)
        return 2
    for path in paths.values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
