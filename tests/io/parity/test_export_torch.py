#!/usr/bin/env python3
"""The exporter's own contract: what it writes, and the errors it gives for models typenet cannot take."""

import io
import json
import os
import struct
import sys
import tempfile
import unittest
from contextlib import redirect_stderr

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "codegen"))
import export_torch  # noqa: E402
from export_torch import ExportError  # noqa: E402


def type_of(model, **kwargs):
    with tempfile.TemporaryDirectory() as d, redirect_stderr(io.StringIO()):
        paths = export_torch.export(model, d, **kwargs)
        with open(paths["type"]) as f:
            return f.read()


class Types(unittest.TestCase):
    def test_every_supported_module_has_its_typenet_spelling(self):
        model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.Sigmoid(), nn.Tanh(), nn.GELU(),
                              nn.SiLU(), nn.Identity(), nn.Dropout(0.2), nn.LeakyReLU(), nn.Softmax(dim=-1))
        self.assertIn("using Net = typenet::Sequential<\n    typenet::Dense<4, 8>,\n    typenet::ReLU,\n"
                      "    typenet::Dense<8, 8>,\n    typenet::Sigmoid,\n    typenet::Tanh,\n    typenet::GELU,\n"
                      "    typenet::SiLU,\n    typenet::Identity,\n    typenet::Identity,\n    typenet::LeakyReLU,\n"
                      "    typenet::Softmax>;", type_of(model))
        self.assertIn("static_assert(Net::parameter_count == 112);", type_of(model))

    def test_nested_sequentials_nest_and_float64_becomes_double(self):
        model = nn.Sequential(nn.Sequential(nn.Linear(2, 3), nn.Tanh()), nn.Linear(3, 1)).double()
        self.assertIn("typenet::Sequential<typenet::Dense<2, 3, double>, typenet::Tanh>,\n"
                      "    typenet::Dense<3, 1, double>>;", type_of(model, name="Small", namespace="models"))

    def test_leaky_relu_slopes_are_exact_fractions(self):
        self.assertEqual(export_torch.leaky_slope(0.2, "float", "x"), (1, 5))
        self.assertEqual(export_torch.leaky_slope(0.01, "double", "x"), (1, 100))
        num, den = export_torch.leaky_slope(0.1234567, "double", "x")
        self.assertEqual(num / den, 0.1234567)
        self.assertIn("typenet::LeakyReLUWithSlope<1, 3>",
                      type_of(nn.Sequential(nn.Linear(1, 1), nn.LeakyReLU(1 / 3))))

    def test_hex_literals_are_exact(self):
        torch.manual_seed(0)
        for v in torch.randn(1000).tolist() + [0.0, -0.0, 1e-45, 3.4028234663852886e38]:
            text = export_torch._hex(v, "float")
            self.assertTrue(text.endswith("f"))
            self.assertEqual(float.fromhex(text[:-1]), v)


class Files(unittest.TestCase):
    def test_safetensors_file_holds_the_parameters_under_typenet_names(self):
        torch.manual_seed(1)
        model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Sequential(nn.Linear(2, 2, bias=False)))
        with tempfile.TemporaryDirectory() as d, redirect_stderr(io.StringIO()) as err:
            paths = export_torch.export(model, d, name="TinyNet", constexpr=True)
            self.assertEqual(sorted(os.path.basename(p) for p in paths.values()),
                             ["tiny_net.hpp", "tiny_net.safetensors", "tiny_net_constexpr.hpp"])
            with open(paths["safetensors"], "rb") as f:
                data = f.read()
        self.assertIn("Linear has no bias", err.getvalue())
        n = struct.unpack("<Q", data[:8])[0]
        self.assertEqual((8 + n) % 8, 0)
        header = json.loads(data[8:8 + n])
        self.assertEqual([k for k in header if k != "__metadata__"], ["0.weight", "0.bias", "2.0.weight", "2.0.bias"])
        self.assertEqual(header["2.0.weight"]["shape"], [2, 2])
        begin, end = header["0.weight"]["data_offsets"]
        weights = struct.unpack("<6f", data[8 + n + begin:8 + n + end])
        self.assertEqual(list(weights), model[0].weight.reshape(-1).tolist())
        begin, end = header["2.0.bias"]["data_offsets"]
        self.assertEqual(struct.unpack("<2f", data[8 + n + begin:8 + n + end]), (0.0, 0.0))

    def test_the_command_line_exports_module_attribute(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "mymodel.py"), "w") as f:
                f.write("from torch import nn\nnet = nn.Sequential(nn.Linear(2, 2), nn.ReLU())\n")
            out = os.path.join(d, "out")
            self.assertEqual(export_torch.main([os.path.join(d, "mymodel.py") + ":net", "-o", out]), 0)
            self.assertTrue(os.path.exists(os.path.join(out, "net.safetensors")))
            with redirect_stderr(io.StringIO()) as err:
                self.assertEqual(export_torch.main([os.path.join(d, "mymodel.py") + ":nothing", "-o", out]), 2)
            self.assertIn("has no attribute 'nothing'", err.getvalue())
            with redirect_stderr(io.StringIO()) as err:
                self.assertEqual(export_torch.main(["no-colon", "-o", out]), 2)
            self.assertIn("is not MODULE:ATTRIBUTE", err.getvalue())


class Errors(unittest.TestCase):
    def fails_with(self, model, *parts):
        with self.assertRaises(ExportError) as caught, redirect_stderr(io.StringIO()):
            type_of(model)
        for part in parts:
            self.assertIn(part, str(caught.exception))

    def test_unsupported_modules_are_all_named(self):
        self.fails_with(nn.Sequential(nn.Linear(4, 4), nn.Conv1d(1, 1, 3), nn.Sequential(nn.Linear(4, 4), nn.LSTM(4, 4))),
                        "module '1': torch.nn.modules.conv.Conv1d", "module '2', module '1': torch.nn.modules.rnn.LSTM",
                        "typenet exports Linear, ReLU")

    def test_modules_whose_options_typenet_does_not_have(self):
        self.fails_with(nn.Sequential(nn.Linear(2, 2), nn.GELU(approximate="tanh")), "GELU(approximate='tanh')")
        self.fails_with(nn.Sequential(nn.Linear(2, 2), nn.Softmax(dim=0)), "Softmax(dim=0) is not supported")
        self.fails_with(nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(-0.5)), "negative_slope=-0.5")
        self.fails_with(nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(1e-30)), "is not a fraction Num/Den")

    def test_models_typenet_cannot_size(self):
        self.fails_with(nn.Linear(2, 2), "is a Linear; typenet exports an nn.Sequential")
        self.fails_with(nn.Sequential(), "empty nn.Sequential")
        self.fails_with(nn.Sequential(nn.ReLU(), nn.Linear(2, 2)), "starts with ReLU")
        self.fails_with(nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2).double()), "mixes float32 and float64")
        self.fails_with(nn.Sequential(nn.Linear(2, 2).half()), "dtype torch.float16")

    def test_non_finite_parameters_are_refused(self):
        model = nn.Sequential(nn.Linear(2, 2))
        with torch.no_grad():
            model[0].bias[1] = float("nan")
        self.fails_with(model, "parameter '0.bias' holds NaN or Inf")


if __name__ == "__main__":
    unittest.main()
