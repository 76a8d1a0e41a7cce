// Writes the hostile and the valid files of hostile_corpus.hpp into a folder, as the fuzzer's seeds.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "../hostile_corpus.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_seed_corpus FOLDER\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    int n = 0;
    auto write = [&](const std::vector<std::byte>& bytes) {
        std::ofstream(dir / ("seed_" + std::to_string(n++)), std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    };
    for (const auto& c : corpus::hostile_files()) write(c.bytes);
    for (const auto& [name, bytes] : corpus::valid_files()) write(bytes);
    return 0;
}
