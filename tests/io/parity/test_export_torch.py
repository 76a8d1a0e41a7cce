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
                      "    typenet::SiLU,\n    typenet::Identity,\n    typenet::Dropout,\n    typenet::LeakyReLU,\n"
                      "    typenet::Softmax>;", type_of(model))
        self.assertIn("static_assert(Net::parameter_count == 112);", type_of(model))

    def test_nested_sequentials_nest_and_float64_becomes_double(self):
        model = nn.Sequential(nn.Sequential(nn.Linear(2, 3), nn.Tanh()), nn.Linear(3, 1)).double()
        self.assertIn("typenet::Sequential<typenet::Dense<2, 3, double>, typenet::Tanh>,\n"
                      "    typenet::Dense<3, 1, double>>;", type_of(model, name="Small", namespace="models"))

    def test_convolutional_modules_and_their_options(self):
        model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(6, 8, 3, stride=2, dilation=2, groups=2, bias=False),
                              nn.AvgPool2d(3, stride=1, padding=1), nn.MaxPool2d(2, padding=1), nn.Flatten(),
                              nn.Dropout(), nn.Linear(8 * 3 * 3, 10))
        text = type_of(model, input_shape=[1, 28, 28])
        self.assertIn("using Net = typenet::Sequential<\n    typenet::Input<1, 28, 28>,\n"
                      "    typenet::Conv2D<1, 6, 5, typenet::Padding<2>>,\n    typenet::BatchNorm2D<6>,\n"
                      "    typenet::ReLU,\n    typenet::MaxPool2D<2>,\n"
                      "    typenet::Conv2D<6, 8, 3, typenet::Stride<2>, typenet::Dilation<2>, typenet::Groups<2>>,\n"
                      "    typenet::AvgPool2D<3, typenet::Stride<1>, typenet::Padding<1>>,\n"
                      "    typenet::MaxPool2D<2, typenet::Padding<1>>,\n    typenet::Flatten,\n"
                      "    typenet::Dropout,\n    typenet::Dense<72, 10>>;", text)
        self.assertIn("typenet::Conv2D<2, 2, 3, typenet::Scalar<double>>",
                      type_of(nn.Sequential(nn.Conv2d(2, 2, 3)).double(), input_shape=[2, 5, 5]))

    def test_a_nested_sequential_that_starts_with_a_convolution_gets_its_input_shape(self):
        model = nn.Sequential(nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU()), nn.Sequential(nn.MaxPool2d(2), nn.Flatten()),
                              nn.Linear(4 * 3 * 3, 2))
        text = type_of(model, input_shape=[3, 8, 8])
        self.assertIn("typenet::Sequential<typenet::Input<3, 8, 8>, typenet::Conv2D<3, 4, 3>, typenet::ReLU>", text)
        self.assertIn("typenet::Sequential<typenet::Input<4, 6, 6>, typenet::MaxPool2D<2>, typenet::Flatten>", text)

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

    def test_batch_norm_writes_its_running_statistics_but_not_the_batch_count(self):
        model = nn.Sequential(nn.Conv2d(1, 2, 1), nn.BatchNorm2d(2))
        with tempfile.TemporaryDirectory() as d:
            paths = export_torch.export(model, d, input_shape=[1, 2, 2])
            with open(paths["safetensors"], "rb") as f:
                data = f.read()
        n = struct.unpack("<Q", data[:8])[0]
        self.assertEqual([k for k in json.loads(data[8:8 + n]) if k != "__metadata__"],
                         ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var"])

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
        self.fails_with(nn.Sequential(nn.Conv2d(1, 1, (3, 5))), "kernel_size=(3, 5) is not supported")
        self.fails_with(nn.Sequential(nn.Conv2d(1, 1, 3, padding="same")), "padding='same'")
        self.fails_with(nn.Sequential(nn.Conv2d(1, 1, 3, padding_mode="reflect")), "padding_mode='reflect'")
        self.fails_with(nn.Sequential(nn.MaxPool2d(2, ceil_mode=True)), "ceil_mode=False")
        self.fails_with(nn.Sequential(nn.AvgPool2d(2, count_include_pad=False)), "count_include_pad=True")
        self.fails_with(nn.Sequential(nn.Flatten(0)), "Flatten(start_dim=0, end_dim=-1) is not supported")
        self.fails_with(nn.Sequential(nn.BatchNorm2d(2, eps=1e-3)), "eps=1e-5")

    def test_models_typenet_cannot_size(self):
        self.fails_with(nn.Linear(2, 2), "is a Linear; typenet exports an nn.Sequential")
        self.fails_with(nn.Sequential(), "empty nn.Sequential")
        self.fails_with(nn.Sequential(nn.ReLU(), nn.Linear(2, 2)), "starts with ReLU", "--input-shape")
        self.fails_with(nn.Sequential(nn.Conv2d(1, 2, 3)), "starts with Conv2d", "--input-shape 1,28,28")
        self.fails_with(nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2).double()), "mixes float32 and float64")
        self.fails_with(nn.Sequential(nn.Linear(2, 2).half()), "dtype torch.float16")

    def test_non_finite_parameters_are_refused(self):
        model = nn.Sequential(nn.Linear(2, 2))
        with torch.no_grad():
            model[0].bias[1] = float("nan")
        self.fails_with(model, "parameter '0.bias' holds NaN or Inf")


if __name__ == "__main__":
    unittest.main()
