#!/usr/bin/env python3
"""Builds the PyTorch side of the parity test: random nn.Sequential models of several shapes using every
activation the exporter supports, their outputs on fixed inputs (as a batch, and one sample at a time), and
their export through codegen/export_torch.py. Writes OUTDIR/parity_cases.hpp for test_torch_parity.cpp.

    /usr/bin/python3 make_parity_models.py OUTDIR
"""

import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "codegen"))
import export_torch  # noqa: E402

BATCH = 8


def models():
    """(description, model) pairs; each seed fixes the parameters."""
    def seeded(seed, build):
        torch.manual_seed(seed)
        return build()

    def with_statistics(model):
        # A fresh BatchNorm2d is the identity; give it running statistics worth checking.
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                with torch.no_grad():
                    m.running_mean.uniform_(-0.5, 0.5)
                    m.running_var.uniform_(0.5, 2.0)
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.uniform_(-0.2, 0.2)
        return model

    return [
        ("a single Linear", seeded(1, lambda: nn.Sequential(nn.Linear(4, 3)))),
        ("ReLU, Sigmoid, Softmax", seeded(2, lambda: nn.Sequential(
            nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 8), nn.Sigmoid(), nn.Linear(8, 3), nn.Softmax(dim=-1)))),
        ("Tanh, GELU, SiLU, Identity", seeded(3, lambda: nn.Sequential(
            nn.Linear(7, 12), nn.Tanh(), nn.Linear(12, 12), nn.GELU(), nn.Linear(12, 6), nn.SiLU(),
            nn.Linear(6, 2), nn.Identity()))),
        ("nested Sequentials, LeakyReLU 0.01 and 0.2, Softmax(dim=1)", seeded(4, lambda: nn.Sequential(
            nn.Sequential(nn.Linear(6, 10), nn.LeakyReLU()),
            nn.Sequential(nn.Linear(10, 10), nn.LeakyReLU(0.2)),
            nn.Linear(10, 4), nn.Softmax(dim=1)))),
        ("64 inputs, Dropout, a Linear without bias", seeded(5, lambda: nn.Sequential(
            nn.Linear(64, 48), nn.ReLU(), nn.Dropout(0.5), nn.Linear(48, 10, bias=False), nn.Sigmoid()))),
        ("float64", seeded(6, lambda: nn.Sequential(
            nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 5), nn.GELU(), nn.Linear(5, 2)).double())),
        ("LeNet-5", seeded(7, lambda: nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
            nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10))), (1, 28, 28)),
        ("VGG-style: BatchNorm2d, AvgPool2d with padding, Dropout", seeded(8, lambda: with_statistics(nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.AvgPool2d(3, stride=2, padding=1), nn.Flatten(), nn.Dropout(0.3), nn.Linear(16 * 4 * 4, 10)))),
         (3, 16, 16)),
        ("stride, dilation, groups, padded max pooling, nested convolutions", seeded(9, lambda: nn.Sequential(
            nn.Sequential(nn.Conv2d(4, 6, 3, stride=2, padding=1, groups=2), nn.Tanh()),
            nn.Conv2d(6, 6, 3, dilation=2, padding=2, groups=6, bias=False), nn.MaxPool2d(3, stride=2, padding=1),
            nn.Flatten(), nn.Linear(6 * 3 * 3, 5), nn.Softmax(dim=1))), (4, 11, 11)),
        ("float64 convolution", seeded(10, lambda: with_statistics(nn.Sequential(
            nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.SiLU(), nn.Flatten(), nn.Linear(3 * 4 * 4, 2)).double())),
         (2, 6, 6)),
    ]


def literals(tensor, scalar):
    return ", ".join(export_torch._hex(v, scalar) for v in export_torch._values(tensor))


def main(outdir):
    torch.set_num_threads(1)
    os.makedirs(outdir, exist_ok=True)
    cases, includes, constexpr_cases = [], [], []
    for k, (description, model, *shape) in enumerate(models()):
        model.eval()
        dtype = next(model.parameters()).dtype
        scalar = "float" if dtype == torch.float32 else "double"
        torch.manual_seed(100 + k)
        sample = shape[0] if shape else (next(m for m in model.modules() if isinstance(m, nn.Linear)).in_features,)
        n_in = 1
        for d in sample:
            n_in *= d
        # Inputs of spread +-4, so that every activation sees both of its sides.
        inputs = (torch.randn(BATCH, *sample, dtype=dtype) * 2)
        with torch.no_grad():
            batch_out = model(inputs)
            vector_out = torch.stack([model(row.unsqueeze(0))[0] for row in inputs])
        # The constexpr header too for models small enough that compiling their parameters as constant data
        # stays cheap (LeNet's 61,706 literals alone take the compiler minutes): the file path covers the rest.
        with_constexpr = sum(p.numel() for p in model.parameters()) <= 5000
        # Each model in its own folder, so that every one keeps the names the exporter gives.
        export_torch.export(model, os.path.join(outdir, f"model_{k}"), name="Model", namespace=f"parity{k}",
                            constexpr=with_constexpr, source=f"make_parity_models.py, model {k}",
                            input_shape=shape[0] if shape else None)
        includes.append(f'#include "model_{k}/model{"_constexpr" if with_constexpr else ""}.hpp"')
        if with_constexpr:
            constexpr_cases.append(k)
        n_out = batch_out.shape[1]
        compiled = f"    static constexpr const Net& compiled = parity{k}::model;\n" if with_constexpr else ""
        cases.append(f"""
struct case_{k} {{
    static constexpr const char* description = "{description}";
    using Net = parity{k}::Model;
    using scalar = {scalar};
    static constexpr const char* file = "model_{k}/model.safetensors";
{compiled}    static constexpr typenet::Matrix<{scalar}, {BATCH}, {n_in}> inputs{{{{{literals(inputs, scalar)}}}}};
    // PyTorch's outputs for the whole batch, and for each row given alone as a 1-D tensor
    static constexpr typenet::Matrix<{scalar}, {BATCH}, {n_out}> batch_outputs{{{{{literals(batch_out, scalar)}}}}};
    static constexpr typenet::Matrix<{scalar}, {BATCH}, {n_out}> vector_outputs{{{{{literals(vector_out, scalar)}}}}};
}};""")
    with open(os.path.join(outdir, "parity_cases.hpp"), "w") as f:
        f.write("// Generated by tests/io/parity/make_parity_models.py.\n#pragma once\n\n#include <tuple>\n\n"
                + "\n".join(includes) + "\n\nnamespace parity {\n" + "\n".join(cases)
                + f"\n\nusing all_cases = std::tuple<{', '.join(f'case_{k}' for k in range(len(cases)))}>;\n"
                + f"using constexpr_cases = std::tuple<{', '.join(f'case_{k}' for k in constexpr_cases)}>;\n\n"
                + "}  // namespace parity\n")


if __name__ == "__main__":
    main(sys.argv[1])
