#!/usr/bin/env bash
# Compile-time benchmark: CPU time (user + system: what the compiler itself spends, its wall time on an idle
# machine) and peak memory of compiling one translation unit with typenet, for the 784-128-64-10 MLP (one
# forward pass, one batch forward pass) and for chains of N = 25, 50, 100, 200 layers alternating
# Dense<32, 32> and ReLU, with g++ and clang++ at -O2. The first row of each compiler is the cost of the
# include alone. Each figure is the median of `runs` compilations.
#   tests/bench/compile_time.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo '#include <typenet/typenet.hpp>' >"$work/include_only.cpp"

cat >"$work/mlp.cpp" <<'EOF'
#include <typenet/typenet.hpp>
namespace tn = typenet;
using Net = tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::ReLU, tn::Sigmoid>;
tn::Vector<float, 10> one(const Net& net, const tn::Vector<float, 784>& x) { return net(x); }
tn::Matrix<float, 32, 10> batch(const Net& net, const tn::Matrix<float, 32, 784>& x) { return net(x); }
EOF

chain() {  # layers
    {
        echo '#include <typenet/typenet.hpp>'
        echo 'namespace tn = typenet;'
        printf 'using Net = tn::Sequential<'
        for ((i = 0; i < $1; i++)); do
            ((i > 0)) && printf ', '
            if ((i % 2 == 0)); then printf 'tn::Dense<32, 32>'; else printf 'tn::ReLU'; fi
        done
        echo '>;'
        echo "static_assert(Net::depth == $1);"
        echo 'tn::Vector<float, 32> one(const Net& net, const tn::Vector<float, 32>& x) { return net(x); }'
    } >"$work/chain_$1.cpp"
}
for n in 25 50 100 200; do chain $n; done

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

measure() {  # compiler source -> "seconds megabytes"
    local times=() mems=()
    for ((r = 0; r < runs; r++)); do
        /usr/bin/time -v "$1" -std=c++20 -O2 -Iinclude -c "$2" -o "$work/out.o" 2>"$work/time.txt" >/dev/null
        times+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$work/time.txt")")
        mems+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")")
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}

printf '%-44s %-10s %10s %10s\n' "translation unit" compiler "CPU (s)" "peak (MB)"
for cxx in g++ clang++; do
    for tu in include_only mlp chain_25 chain_50 chain_100 chain_200; do
        case $tu in
            include_only) label="#include <typenet/typenet.hpp> alone" ;;
            mlp) label="784-128-64-10 MLP, forward + batch forward" ;;
            *) label="${tu#chain_} layers, Dense<32, 32> / ReLU" ;;
        esac
        read -r t m < <(measure "$cxx" "$work/$tu.cpp")
        printf '%-44s %-10s %10.2f %10s\n' "$label" "$cxx" "$t" "$m"
    done
done
