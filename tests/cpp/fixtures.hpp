#pragma once
// Networks shared by the C++ test files, built in code: graphs given by index lists, a
// seeded random graph, a mixed network.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "coopmap/detail/random.hpp"
#include "coopmap/network.hpp"

namespace coopmap::test {

/// prefix + number, e.g. numbered("s", 3) == "s3" (appended: g++ 12 gives a false
/// -Wrestrict on "s" + std::to_string(i) at -O3).
inline std::string numbered(const char* prefix, int i) {
    std::string s(prefix);
    s += std::to_string(i);
    return s;
}
/// "s0", "s1", ...: the default structure ids.
inline std::string s_id(int i) { return numbered("s", i); }
/// "a", "b", ...: ids for small hand-drawn graphs (i < 26).
inline std::string letter(int i) { return std::string(1, static_cast<char>('a' + i)); }

using Edges = std::vector<std::pair<int, int>>;

/// n structures id(0) ... id(n-1) and one link per edge (indices), of weight weights[k]
/// (1 when weights is empty); structure i gets attribute "g" = groups[i] when groups is
/// not empty.
inline Network graph(bool directed, int n, const Edges& edges, const std::vector<double>& weights = {},
                     std::string (*id)(int) = s_id, const std::vector<std::string>& groups = {}) {
    Network net(directed);
    for (int i = 0; i < n; ++i) {
        Attributes a;
        if (!groups.empty()) a.emplace("g", groups[static_cast<std::size_t>(i)]);
        net.add_structure(id(i), "", a);
    }
    for (std::size_t k = 0; k < edges.size(); ++k)
        net.add_link(static_cast<index_t>(edges[k].first), static_cast<index_t>(edges[k].second),
                     {.weight = weights.empty() ? 1.0 : weights[k]});
    return net;
}

/// G(n, p) with seeded integer weights 1..5 (detail::Rng: the same graph on every platform).
inline Network random_graph(int n, double p, std::uint64_t seed, bool directed) {
    Network net(directed);
    for (int i = 0; i < n; ++i) net.add_structure(s_id(i));
    detail::Rng rng(seed);
    for (int i = 0; i < n; ++i)
        for (int j = directed ? 0 : i + 1; j < n; ++j)
            if (i != j && rng.uniform() < p)
                net.add_link(static_cast<index_t>(i), static_cast<index_t>(j),
                             {.weight = 1.0 + static_cast<double>(rng.below(5))});
    return net;
}

/// A mixed network: two-way cooperation ("share", undirected: the default) and
/// subcontracting ("sub", declared directed) together. Links, in this order:
/// 0 a-b share, 1 b-c share, 2 a->c sub, 3 c->a sub, 4 c->d sub.
inline Network mixed_fixture() {
    Network net;
    for (const char* id : {"a", "b", "c", "d"}) net.add_structure(id);
    net.set_link_type("sub", true, {{"label", std::string("Subcontracting")}});
    net.add_link("a", "b", {.type = "share"});
    net.add_link("b", "c", {.type = "share"});
    net.add_link("a", "c", {.type = "sub"});
    net.add_link("c", "a", {.type = "sub"});
    net.add_link("c", "d", {.type = "sub"});
    return net;
}

}  // namespace coopmap::test
