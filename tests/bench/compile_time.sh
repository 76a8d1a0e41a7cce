#!/usr/bin/env bash
# Compile-time benchmark: wall time and peak memory of compiling one translation unit with typenet, for the
# 784-128-64-10 MLP (one forward pass, one batch forward pass) and for chains of N Dense<32, 32> + ReLU
# pairs (N = 25, 50, 100, 200, so 2N layers), with g++ and clang++ at -O2. Each figure is the median of
# `runs` compilations.
#   tests/bench/compile_time.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/mlp.cpp" <<'EOF'
#include <typenet/typenet.hpp>
namespace tn = typenet;
using Net = tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::ReLU, tn::Sigmoid>;
tn::Vector<float, 10> one(const Net& net, const tn::Vector<float, 784>& x) { return net(x); }
tn::Matrix<float, 32, 10> batch(const Net& net, const tn::Matrix<float, 32, 784>& x) { return net(x); }
EOF

chain() {  # pairs
    {
        echo '#include <typenet/typenet.hpp>'
        echo 'namespace tn = typenet;'
        printf 'using Net = tn::Sequential<'
        for ((i = 0; i < $1; i++)); do
            ((i > 0)) && printf ', '
            printf 'tn::Dense<32, 32>, tn::ReLU'
        done
        echo '>;'
        echo "static_assert(Net::depth == $(($1 * 2)));"
        echo 'tn::Vector<float, 32> one(const Net& net, const tn::Vector<float, 32>& x) { return net(x); }'
    } >"$work/chain_$1.cpp"
}
for n in 25 50 100 200; do chain $n; done

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

measure() {  # compiler source -> "seconds megabytes"
    local times=() mems=()
    for ((r = 0; r < runs; r++)); do
        /usr/bin/time -v "$1" -std=c++20 -O2 -Iinclude -c "$2" -o "$work/out.o" 2>"$work/time.txt" >/dev/null
        times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")")
        mems+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")")
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}

printf '%-44s %-10s %10s %10s\n' "translation unit" compiler "time (s)" "peak (MB)"
for cxx in g++ clang++; do
    for tu in mlp chain_25 chain_50 chain_100 chain_200; do
        case $tu in
            mlp) label="784-128-64-10 MLP, forward + batch forward" ;;
            *) n=${tu#chain_}; label="$n x (Dense<32, 32> + ReLU) = $((2 * n)) layers" ;;
        esac
        read -r t m < <(measure "$cxx" "$work/$tu.cpp")
        printf '%-44s %-10s %10.2f %10s\n' "$label" "$cxx" "$t" "$m"
    done
done
