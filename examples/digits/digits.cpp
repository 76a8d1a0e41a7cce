// From PyTorch to C++: a classifier of handwritten digits, trained in PyTorch (train.py), exported with
// codegen/export_torch.py, and run here twice: loaded from the safetensors file, and compiled into the
// binary as constexpr data. Both must predict exactly what PyTorch predicted, on every test digit.
//
//   example_digits DIR    DIR holds digits_net.safetensors and digits_test.txt (the build makes them)
#include <algorithm>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include <typenet/io.hpp>
#include <typenet/typenet.hpp>

#include "digits_net_constexpr.hpp"  // DigitsNet, and the trained network `digits_net` as constexpr data

namespace tn = typenet;

struct Digit {
    int label;
    int pytorch;  // PyTorch's prediction
    tn::Vector<float, 64> pixels;
};

std::vector<Digit> read_test_set(const std::string& path) {
    std::vector<Digit> digits;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        Digit d{};
        fields >> d.label >> d.pytorch;
        for (float& p : d.pixels) fields >> p;
        if (fields) digits.push_back(d);
    }
    return digits;
}

template <class Net>
int predict(const Net& net, const tn::Vector<float, 64>& pixels) {
    const auto logits = net(pixels);
    return static_cast<int>(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : ".";

    DigitsNet loaded;
    tn::load(loaded, dir + "/digits_net.safetensors");
    // The same network with its parameters in read-only memory: no file, no start-up cost.
    static constexpr const DigitsNet& compiled = digits_net;

    const auto test_set = read_test_set(dir + "/digits_test.txt");
    std::size_t pytorch_right = 0, typenet_right = 0, differ = 0;
    for (const auto& d : test_set) {
        const int from_file = predict(loaded, d.pixels);
        const int from_constexpr = predict(compiled, d.pixels);
        pytorch_right += d.pytorch == d.label;
        typenet_right += from_file == d.label;
        differ += from_file != d.pytorch || from_constexpr != d.pytorch;
    }

    fmt::print("digits: {}\n", DigitsNet::name.view());
    fmt::print("digits: {} parameters, {} test digits\n", DigitsNet::parameter_count, test_set.size());
    fmt::print("digits: accuracy  PyTorch {:.2f}%   typenet {:.2f}%\n", 100.0 * pytorch_right / test_set.size(),
               100.0 * typenet_right / test_set.size());
    if (test_set.empty() || differ != 0) {
        fmt::print("digits: typenet and PyTorch disagree on {} of {} digits\n", differ, test_set.size());
        return 1;
    }
    fmt::print("digits: typenet (file and constexpr) predicts what PyTorch predicts on all {} test digits\n",
               test_set.size());
    return 0;
}
