#pragma once
// Networks shared by several C++ test files, built in code.
#include <string>

#include "coopmap/network.hpp"

namespace coopmap::test {

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
