// Tests of coopmap/network.hpp: the model, filters and the CSR simple view.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "coopmap/network.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
Network small(bool directed = false) {
    Network net(directed);
    net.add_structure("ies", "IES", {{"legal_family", std::string("association")}}, {"I.E.S."});
    net.add_structure("bge", "BGE");
    net.add_structure("una", "");
    return net;
}
}  // namespace

TEST(Network, StructuresAndLookup) {
    auto net = small();
    EXPECT_EQ(net.number_of_structures(), 3u);
    EXPECT_EQ(net.structure("una").name, "una");  // name defaults to the id
    EXPECT_EQ(net.index_of("I.E.S."), 0u);        // alias
    EXPECT_TRUE(net.contains("bge"));
    EXPECT_FALSE(net.contains("nope"));
    EXPECT_THROW(net.index_of("nope"), not_found);
    EXPECT_THROW(net.add_structure("ies"), input_error);                 // duplicate id
    EXPECT_THROW(net.add_structure("I.E.S."), input_error);              // id equal to an alias
    EXPECT_THROW(net.add_structure(""), input_error);                    // empty id
    EXPECT_THROW(net.add_structure("x", "", {}, {"bge"}), input_error);  // alias equal to an id
    EXPECT_THROW(net.add_structure("x", "", {}, {"a|b"}), input_error);  // alias separator
    EXPECT_EQ(net.number_of_structures(), 3u);                           // failed adds left nothing behind
}

TEST(Network, UnknownEndIsNotFoundAndAddsNothing) {
    auto net = small();
    EXPECT_THROW(net.add_link("ies", "typo"), not_found);
    EXPECT_THROW(net.add_link("typo", "ies"), not_found);
    EXPECT_EQ(net.number_of_links(), 0u);
    EXPECT_EQ(net.number_of_structures(), 3u);
}

TEST(Network, LinkValidation) {
    auto net = small();
    EXPECT_THROW(net.add_link("ies", "ies"), input_error);  // self-loop
    for (double w : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()})
        EXPECT_THROW(net.add_link("ies", "bge", {.weight = w}), input_error) << w;
    EXPECT_THROW(net.add_link("ies", "bge", {.start = "2013-02-30"}), input_error);  // no 30 February
    EXPECT_THROW(net.add_link("ies", "bge", {.start = "2014", .end = "2013-05"}), input_error);
    EXPECT_THROW(net.add_link("ies", "bge", {.type = ""}), input_error);
    EXPECT_EQ(net.number_of_links(), 0u);
    EXPECT_NO_THROW(net.add_link("ies", "bge", {.start = "2012-02-29", .end = "2013"}));  // leap day
}

TEST(Network, IsoDates) {
    EXPECT_TRUE(is_iso_date("2013"));
    EXPECT_TRUE(is_iso_date("2013-03"));
    EXPECT_TRUE(is_iso_date("2000-02-29"));   // divisible by 400: leap
    EXPECT_FALSE(is_iso_date("1900-02-29"));  // divisible by 100 only: not leap
    EXPECT_FALSE(is_iso_date("2013-13-01"));
    EXPECT_FALSE(is_iso_date("13-03-2013"));
    EXPECT_FALSE(is_iso_date("2013-3-5"));
    EXPECT_EQ(compare_dates("2013", "2013-05-01"), 0);
    EXPECT_EQ(compare_dates("2012-12-31", "2013"), -1);
}

TEST(Network, MultiplexAndRemoval) {
    auto net = small();
    net.add_link("ies", "bge", {.type = "shared_premises", .weight = 2.0});
    net.add_link("bge", "ies", {.type = "know_how"});
    net.add_link("ies", "una");
    EXPECT_EQ(net.links_between(0, 1).size(), 2u);  // undirected: both orientations
    EXPECT_EQ(net.link_types(), (std::vector<std::string>{"shared_premises", "know_how", "cooperation"}));
    EXPECT_EQ(net.remove_links("ies", "bge", std::string_view("know_how")), 1u);
    EXPECT_THROW(net.remove_links("ies", "bge", std::string_view("know_how")), not_found);
    EXPECT_EQ(net.remove_structure("ies"), 2u);  // its two remaining links go with it
    EXPECT_EQ(net.number_of_links(), 0u);
    EXPECT_EQ(net.index_of("bge"), 0u);  // later structures move down
    EXPECT_FALSE(net.contains("I.E.S."));
}

TEST(Network, DirectedLinksBetween) {
    auto net = small(true);
    net.add_link("ies", "bge");
    EXPECT_EQ(net.links_between(0, 1).size(), 1u);
    EXPECT_EQ(net.links_between(1, 0).size(), 0u);
}

TEST(Network, Filters) {
    auto net = small();
    net.add_link("ies", "bge", {.type = "shared_premises", .start = "2012", .end = "2013-06", .status = "confirmed"});
    net.add_link("ies", "una",
                 {.type = "know_how", .status = "unconfirmed", .attributes = {{"basis", std::int64_t{1}}}});
    auto a = filter_links(net, LinkFilter{.types = {"know_how"}});
    EXPECT_EQ(a.number_of_structures(), 3u);
    ASSERT_EQ(a.number_of_links(), 1u);
    EXPECT_EQ(a.type_name(a.links()[0]), "know_how");
    EXPECT_EQ(filter_links(net, LinkFilter{.statuses = {"confirmed"}}).number_of_links(), 1u);
    EXPECT_EQ(filter_links(net, LinkFilter{.attributes = {{"basis", 1.0}}}).number_of_links(), 1u);  // 1 == 1.0
    EXPECT_EQ(filter_links(net, LinkFilter{.active_on = "2013-07-01"}).number_of_links(), 1u);       // first link ended
    EXPECT_EQ(filter_links(net, LinkFilter{.active_on = "2013-06-30"}).number_of_links(), 2u);
    auto s = filter_structures(net, StructureFilter{.attributes = {{"legal_family", std::string("association")}}});
    EXPECT_EQ(s.number_of_structures(), 1u);
    EXPECT_EQ(s.number_of_links(), 0u);
    auto t = filter_structures(net, StructureFilter{.ids = {"I.E.S.", "una"}});
    EXPECT_EQ(t.number_of_structures(), 2u);
    EXPECT_EQ(t.number_of_links(), 1u);
    EXPECT_THROW(filter_structures(net, StructureFilter{.ids = {"nope"}}), not_found);
}

// Hand-built CSR of the undirected multigraph
//   0 -- 1 (w 2, shared_premises), 1 -- 0 (w 3, know_how), 0 -- 2 (w 1), 3 isolated:
// row 0: [1, 2], row 1: [0], row 2: [0], row 3: []; weight of {0,1}: sum 5, max 3, min 2, count 2.
TEST(SimpleView, UndirectedAggregates) {
    auto net = small();
    net.add_structure("iso");
    net.add_link("ies", "bge", {.type = "shared_premises", .weight = 2.0});
    net.add_link("bge", "ies", {.type = "know_how", .weight = 3.0});
    net.add_link("ies", "una");
    auto g = simple_view(net);
    EXPECT_FALSE(g.directed);
    EXPECT_EQ(g.n, 4u);
    EXPECT_EQ(g.number_of_edges(), 2u);
    EXPECT_EQ(g.offsets, (std::vector<std::size_t>{0, 2, 3, 4, 4}));
    EXPECT_EQ(g.targets, (std::vector<index_t>{1, 2, 0, 0}));
    EXPECT_EQ(g.weights, (std::vector<double>{5, 1, 5, 1}));
    EXPECT_EQ(simple_view(net, {Aggregate::max}).weights, (std::vector<double>{3, 1, 3, 1}));
    EXPECT_EQ(simple_view(net, {Aggregate::min}).weights, (std::vector<double>{2, 1, 2, 1}));
    EXPECT_EQ(simple_view(net, {Aggregate::count}).weights, (std::vector<double>{2, 1, 2, 1}));
    EXPECT_EQ(simple_view(net, {Aggregate::binary}).weights, (std::vector<double>{1, 1, 1, 1}));
    EXPECT_EQ(g.edge_weight(1, 0), 5.0);
    EXPECT_FALSE(g.edge_weight(1, 2).has_value());
    EXPECT_EQ(g.degree(3), 0u);
}

// Directed: 0 -> 1 (w 2), 1 -> 0 (w 3), 0 -> 1 (w 4), 2 -> 0 (w 1).
// out rows: 0: [1] (2 + 4 = 6), 1: [0] (3), 2: [0] (1); in rows: 0: [1, 2] (3, 1), 1: [0] (6), 2: [].
// undirected=true merges {0,1}: 2 + 3 + 4 = 9, {0,2}: 1.
TEST(SimpleView, Directed) {
    auto net = small(true);
    net.add_link("ies", "bge", {.weight = 2.0});
    net.add_link("bge", "ies", {.weight = 3.0});
    net.add_link("ies", "bge", {.type = "supply", .weight = 4.0});
    net.add_link("una", "ies");
    auto g = simple_view(net);
    EXPECT_TRUE(g.directed);
    EXPECT_EQ(g.number_of_edges(), 3u);
    EXPECT_EQ(g.offsets, (std::vector<std::size_t>{0, 1, 2, 3}));
    EXPECT_EQ(g.targets, (std::vector<index_t>{1, 0, 0}));
    EXPECT_EQ(g.weights, (std::vector<double>{6, 3, 1}));
    EXPECT_EQ(g.in_offsets, (std::vector<std::size_t>{0, 2, 3, 3}));
    EXPECT_EQ(g.in_sources, (std::vector<index_t>{1, 2, 0}));
    EXPECT_EQ(g.in_weights, (std::vector<double>{3, 1, 6}));
    auto u = simple_view(net, {Aggregate::sum, true});
    EXPECT_FALSE(u.directed);
    EXPECT_EQ(u.targets, (std::vector<index_t>{1, 2, 0, 0}));
    EXPECT_EQ(u.weights, (std::vector<double>{9, 1, 9, 1}));
}

TEST(SimpleView, EmptyNetwork) {
    Network net;
    auto g = simple_view(net);
    EXPECT_EQ(g.n, 0u);
    EXPECT_EQ(g.offsets, (std::vector<std::size_t>{0}));
    EXPECT_EQ(g.number_of_edges(), 0u);
}

TEST(Values, FormattingAndEquality) {
    EXPECT_EQ(format_double(2.0), "2.0");  // keeps a float a float through CSV
    EXPECT_EQ(format_double(0.1), "0.1");  // shortest round trip
    EXPECT_EQ(format_double(1e300), "1e+300");
    EXPECT_EQ(value_to_string(Value{true}), "true");
    EXPECT_EQ(value_to_string(Value{std::int64_t{-12}}), "-12");
    EXPECT_TRUE(values_equal(Value{std::int64_t{1}}, Value{1.0}));
    EXPECT_FALSE(values_equal(Value{true}, Value{std::int64_t{1}}));
    EXPECT_EQ(parse_aggregate("max"), Aggregate::max);
    EXPECT_THROW(parse_aggregate("mean"), input_error);
}

#include "coopmap/detail/random.hpp"

// std::mt19937_64 is fully specified: the 10000th output of a default-seeded engine is
// 9981545732273789042 (C++ standard, [rand.predef]); our sampling sits on top of it.
TEST(Rng, PlatformIndependent) {
    std::mt19937_64 e;
    e.discard(9999);
    EXPECT_EQ(e(), 9981545732273789042ull);
    detail::Rng r(5489u);  // the default seed
    std::mt19937_64 ref(5489u);
    const auto x = ref();
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % 10;
    ASSERT_LT(x, limit);             // first draw accepted by the rejection step
    EXPECT_EQ(r.below(10), x % 10);  // so below(10) is that draw modulo 10
    detail::Rng a(7), b(7);
    std::vector<int> u{1, 2, 3, 4, 5, 6, 7, 8}, v = u;
    a.shuffle(u);
    b.shuffle(v);
    EXPECT_EQ(u, v);
    auto s = detail::Rng(3).sample(100, 10);
    std::sort(s.begin(), s.end());
    EXPECT_EQ(std::unique(s.begin(), s.end()), s.end());
    for (int i = 0; i < 1000; ++i) {
        const double d = a.uniform();
        EXPECT_GE(d, 0.0);
        EXPECT_LT(d, 1.0);
    }
}

TEST(Network, LinkFieldsSurviveRemovals) {
    auto net = small();
    net.add_link("ies", "bge", {.start = "2011", .status = "confirmed", .attributes = {{"k", std::int64_t{1}}}});
    net.add_link("bge", "una", {.end = "2014-01", .attributes = {{"k", std::int64_t{2}}}});
    net.add_link("ies", "una", {.attributes = {{"k", std::int64_t{3}}}});
    net.remove_links("ies", "bge");  // the first link and its attribute slot go
    ASSERT_EQ(net.number_of_links(), 2u);
    EXPECT_EQ(std::get<std::int64_t>(net.attributes(net.links()[0]).at("k")), 2);
    EXPECT_EQ(net.end(net.links()[0]), "2014-01");
    EXPECT_EQ(net.start(net.links()[0]), "");
    EXPECT_EQ(std::get<std::int64_t>(net.attributes(net.links()[1]).at("k")), 3);
    net.set_link_attribute(0, "k", std::int64_t{20});
    net.remove_structure("ies");  // removes the third link
    ASSERT_EQ(net.number_of_links(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(net.attributes(net.links()[0]).at("k")), 20);
    EXPECT_EQ(sizeof(Link), 40u);  // the compact layout the memory figures rely on
}

TEST(Network, LinkAttributesAreSparseColumns) {
    // Three links: the first with {"w": 1.5, "note": "x"}, the second with none, the third
    // gains "note" later and then "a" (a new column sorting before the others).
    auto net = small();
    net.add_link("ies", "bge", {.attributes = {{"w", 1.5}, {"note", std::string("x")}}});
    net.add_link("bge", "una");
    net.add_link("ies", "una");
    net.set_link_attribute(2, "note", std::string("y"));
    net.set_link_attribute(2, "a", true);
    const auto& L = net.links();
    EXPECT_EQ(net.link_attribute_names(), (std::vector<std::string>{"a", "note", "w"}));
    EXPECT_EQ(net.attributes(L[0]), (Attributes{{"note", std::string("x")}, {"w", 1.5}}));
    EXPECT_TRUE(net.attributes(L[1]).empty());
    EXPECT_EQ(net.link_attribute(L[1], "note"), nullptr);
    EXPECT_EQ(net.link_attribute(L[0], "a"), nullptr);
    EXPECT_EQ(net.link_attribute(L[0], "nope"), nullptr);
    EXPECT_EQ(std::get<std::string>(*net.link_attribute(L[2], "note")), "y");
    EXPECT_EQ(net.attributes(L[2]), (Attributes{{"a", true}, {"note", std::string("y")}}));
    net.set_link_attribute(2, "note", std::int64_t{7});  // replaced in place, any type
    EXPECT_EQ(std::get<std::int64_t>(*net.link_attribute(L[2], "note")), 7);
    // Removing the first link drops the only "w" value: the column goes with it.
    net.remove_links("ies", "bge");
    EXPECT_EQ(net.link_attribute_names(), (std::vector<std::string>{"a", "note"}));
    EXPECT_EQ(net.attributes(net.links()[1]), (Attributes{{"a", true}, {"note", std::int64_t{7}}}));
    EXPECT_TRUE(net.attributes(net.links()[0]).empty());
    // Filters read the columns: a == true keeps the one link that has it.
    EXPECT_EQ(filter_links(net, {.attributes = {{"a", true}}}).number_of_links(), 1u);
    // No link has "w" any more: a filter on it is a typo to report, not an empty network.
    EXPECT_THROW(filter_links(net, {.attributes = {{"w", 1.5}}}), input_error);
}

namespace {
/// Every stored field of every link, as text, in link order (what add_links must match).
std::vector<std::string> dump_links(const Network& net) {
    std::vector<std::string> out;
    for (const auto& l : net.links()) {
        std::string row = net.structures()[l.source].id + ">" + net.structures()[l.target].id + " " + net.type_name(l) +
                          " " + format_double(l.weight) + " [" + net.start(l) + "," + net.end(l) + "] " +
                          net.status_name(l);
        for (const auto& [k, v] : net.attributes(l)) row += " " + k + "=" + value_to_string(v);
        out.push_back(row);
    }
    return out;
}
}  // namespace

TEST(Network, AddLinksMatchesAddLinkOneByOne) {
    // Reference: the same three links through add_link, after one link already carrying
    // the attribute (so add_links appends to an existing column) and one with another.
    auto one = small(true), bulk = small(true);
    for (auto* net : {&one, &bulk}) {
        net->add_link("una", "ies", {.type = "other", .attributes = {{"by", std::string("old")}}});
        net->add_link("bge", "ies", {.attributes = {{"z", std::int64_t{1}}}});
    }
    one.add_link(0, 1, "supply", 2.0, "2011", "2012-05", "confirmed", {{"by", std::string("ies|bge")}});
    one.add_link(1, 0, "supply", 2.0, "2011", "2012-05", "confirmed", {{"by", std::string("ies|bge")}});
    one.add_link(2, 1, "project", 0.5, "", "2010", "unconfirmed", {{"by", std::string("una")}});
    LinkColumns c;
    c.types = {"project", "supply"};
    c.dates = {"", "2012-05", "2011", "2010"};
    c.statuses = {"", "unconfirmed", "confirmed"};
    c.source = {0, 1, 2};
    c.target = {1, 0, 1};
    c.type = {1, 1, 0};
    c.weight = {2.0, 2.0, 0.5};
    c.start = {2, 2, 0};
    c.end = {1, 1, 3};
    c.status = {2, 2, 1};
    c.attributes.emplace_back("by",
                              std::vector<Value>{std::string("ies|bge"), std::string("ies|bge"), std::string("una")});
    EXPECT_EQ(bulk.add_links(c), 2u);
    EXPECT_EQ(dump_links(bulk), dump_links(one));
    EXPECT_EQ(dump_links(bulk)[4], "una>bge project 0.5 [,2010] unconfirmed by=una");
    EXPECT_EQ(bulk.link_attribute_names(), (std::vector<std::string>{"by", "z"}));
    // table entries are interned in table order (add_link: in order of use)
    EXPECT_EQ(bulk.link_types(), (std::vector<std::string>{"other", "cooperation", "project", "supply"}));
    // A new column taken whole, on a network without link attributes.
    auto fresh = small();
    LinkColumns f;
    f.types = {"t"};
    f.source = {0};
    f.target = {2};
    f.type = f.start = f.end = f.status = {0};
    f.weight = {1.0};
    f.attributes.emplace_back("note", std::vector<Value>{true});
    fresh.add_links(std::move(f));
    EXPECT_EQ(dump_links(fresh), (std::vector<std::string>{"ies>una t 1.0 [,]  note=true"}));
}

TEST(Network, AddLinksRefusesBadColumnsAndChangesNothing) {
    auto valid = [] {
        LinkColumns c;
        c.types = {"t"};
        c.dates = {"", "2012", "2011"};
        c.source = {0, 1};
        c.target = {1, 2};
        c.type = {0, 0};
        c.weight = {1.0, 1.0};
        c.start = {2, 0};
        c.end = {1, 0};
        c.status = {0, 0};
        return c;
    };
    auto net = small();
    net.add_link("ies", "bge");
    const auto before = dump_links(net);
    auto expect_refused = [&](LinkColumns c, const char* what) {
        EXPECT_THROW(net.add_links(std::move(c)), input_error) << what;
        EXPECT_EQ(dump_links(net), before) << what;
    };
    {
        auto c = valid();
        c.weight.pop_back();
        expect_refused(c, "lengths differ");
    }
    {
        auto c = valid();
        c.target[1] = 1;  // the second link is a self-loop: the first is not added either
        expect_refused(c, "self-loop");
    }
    {
        auto c = valid();
        c.weight[1] = -1;
        expect_refused(c, "weight");
    }
    {
        auto c = valid();
        c.weight[1] = std::numeric_limits<double>::quiet_NaN();
        expect_refused(c, "NaN weight");
    }
    {
        auto c = valid();
        c.dates[1] = "2012-13";
        expect_refused(c, "not an ISO date");
    }
    {
        auto c = valid();
        std::swap(c.start[0], c.end[0]);  // start 2012, end 2011
        expect_refused(c, "end before start");
    }
    {
        auto c = valid();
        c.type[0] = 1;
        expect_refused(c, "type index outside its table");
    }
    {
        auto c = valid();
        c.types[0] = "";
        expect_refused(c, "empty type");
    }
    {
        auto c = valid();
        c.statuses = {"x"};
        expect_refused(c, "statuses[0] not empty");
    }
    {
        auto c = valid();
        c.attributes.emplace_back("type", std::vector<Value>{true, true});
        expect_refused(c, "reserved attribute name");
    }
    {
        auto c = valid();
        c.attributes.emplace_back("a", std::vector<Value>{true, true});
        c.attributes.emplace_back("a", std::vector<Value>{true, true});
        expect_refused(c, "a column twice");
    }
    {
        auto c = valid();
        c.attributes.emplace_back("a", std::vector<Value>{true});
        expect_refused(c, "attribute column length");
    }
    {
        auto c = valid();
        c.target[0] = 3;
        EXPECT_THROW(net.add_links(std::move(c)), not_found);
        EXPECT_EQ(dump_links(net), before);
    }
    EXPECT_EQ(net.add_links(valid()), 1u);
    EXPECT_EQ(net.number_of_links(), 3u);
    EXPECT_EQ(dump_links(net)[1], "ies>bge t 1.0 [2011,2012] ");
}

TEST(Network, GroupByMissingAttributeNamesTheStructures) {
    // A group attribute present on 1 of 7 structures: s0 has it, s1..s6 (6 structures)
    // lack it; the message names the first five and the count, and nothing is returned.
    Network net;
    net.add_structure("s0", "", {{"family", std::string("scop")}});
    for (const char* id : {"s1", "s2", "s3", "s4", "s5", "s6"}) net.add_structure(id);
    try {
        group_by(net, "family");
        FAIL() << "no error";
    } catch (const input_error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("'family' is missing on 6 structure(s): s1, s2, s3, s4, s5, ..."), std::string::npos) << m;
        EXPECT_EQ(m.find("s6"), std::string::npos) << m;
    }
    // With the attribute everywhere: groups by first appearance, 1 == 1.0 share a group.
    Network ok;
    ok.add_structure("a", "", {{"g", std::int64_t{1}}});
    ok.add_structure("b", "", {{"g", std::string("x")}});
    ok.add_structure("c", "", {{"g", 1.0}});
    const auto g = group_by(ok, "g");
    EXPECT_EQ(g.membership, (std::vector<std::uint32_t>{0, 1, 0}));
    EXPECT_EQ(g.labels.size(), 2u);
    EXPECT_TRUE(group_by(Network{}, "g").membership.empty());  // empty network: nothing lacks it
}

// detail::FlatStringMap against std::unordered_map on 20,000 keys (many probes collide at
// load <= 1/2), with re-insertions, misses and growth from empty.
TEST(Network, FlatStringMapMatchesUnorderedMap) {
    detail::FlatStringMap<int> flat;
    std::unordered_map<std::string, int> ref;
    EXPECT_EQ(flat.find("x"), nullptr);
    for (int k = 0; k < 20000; ++k) {
        std::string key("s");
        key += std::to_string(k * 7919 % 10007);  // repeats after 10,007 keys
        const auto [v, fresh] = flat.emplace(key, k);
        const auto [it, ref_fresh] = ref.emplace(key, k);
        ASSERT_EQ(fresh, ref_fresh) << key;
        ASSERT_EQ(*v, it->second) << key;
    }
    EXPECT_EQ(flat.size(), ref.size());
    for (const auto& [key, value] : ref) ASSERT_EQ(*flat.find(key), value) << key;
    EXPECT_EQ(flat.find("s10007"), nullptr);
    EXPECT_EQ(flat.entries().front().first, "s0");  // insertion order
    flat.clear();
    EXPECT_EQ(flat.find("s0"), nullptr);
    EXPECT_TRUE(flat.emplace("s0", 1).second);
}


TEST(Mixed, CountsAndDirection) {
    const auto net = test::mixed_fixture();
    EXPECT_TRUE(net.directed());
    EXPECT_TRUE(net.mixed());
    EXPECT_EQ(net.number_of_links(), 5u);  // a two-way cooperation is one link
    EXPECT_EQ(net.number_of_arcs(), 3u);
    EXPECT_FALSE(net.type_directed("share"));  // undeclared: the default (undirected)
    EXPECT_TRUE(net.type_directed("sub"));
    EXPECT_EQ(std::get<std::string>(net.type_attributes("sub").at("label")), "Subcontracting");
    // links_between: either orientation for the undirected link, the given one for arcs
    EXPECT_EQ(net.links_between(1, 0), (std::vector<std::size_t>{0}));
    EXPECT_EQ(net.links_between(0, 2), (std::vector<std::size_t>{2}));
    EXPECT_EQ(net.links_between(2, 0), (std::vector<std::size_t>{3}));
    EXPECT_TRUE(net.links_between(3, 2).empty());  // only c -> d
    EXPECT_THROW((void)net.type_of("shar"), not_found);
}

TEST(Mixed, SimpleViews) {
    const auto net = test::mixed_fixture();
    // directed view: each undirected link both ways, each arc once:
    // a->b b->a b->c c->b a->c c->a c->d = 7 arcs
    const auto g = simple_view(net);
    EXPECT_TRUE(g.directed);
    EXPECT_EQ(g.number_of_edges(), 7u);
    EXPECT_EQ(std::vector<index_t>(g.neighbors(2).begin(), g.neighbors(2).end()), (std::vector<index_t>{0, 1, 3}));
    EXPECT_EQ(std::vector<index_t>(g.in_neighbors(3).begin(), g.in_neighbors(3).end()), (std::vector<index_t>{2}));
    // undirected view: ab, bc, ac, cd
    EXPECT_EQ(simple_view(net, {.undirected = true}).number_of_edges(), 4u);
    // sum aggregate on the directed view: a->c carries only the sub arc (weight 1)
    EXPECT_EQ(*g.edge_weight(0, 2), 1.0);
    // arcs alone: a->c, c->a, c->d
    EXPECT_EQ(simple_view(net, {.arcs_only = true}).number_of_edges(), 3u);
    // density: 7 arcs of the directed view / (4 x 3) ordered pairs
    EXPECT_DOUBLE_EQ(density(net), 7.0 / 12.0);
    // only the two-way links (a-b, b-c): 2 pairs / (4 x 3 / 2)
    EXPECT_DOUBLE_EQ(density(filter_links(net, {.types = {"share"}})), 2.0 / 6.0);
    EXPECT_TRUE(std::isnan(density(Network())));
}

TEST(Mixed, TypeDirectionChangesAndSurvivesCopies) {
    auto net = test::mixed_fixture();
    const auto sub = filter_links(net, {.types = {"sub"}});
    EXPECT_TRUE(sub.directed());
    EXPECT_FALSE(sub.mixed());
    EXPECT_FALSE(sub.type_directed("share"));  // the declared vocabulary comes along
    const auto share = filter_links(net, {.types = {"share"}});
    EXPECT_FALSE(share.directed());  // only two-way links left: an undirected network
    net.set_link_type("share", true);
    EXPECT_FALSE(net.mixed());
    EXPECT_EQ(net.number_of_arcs(), 5u);
    net.remove_links("c", "d");
    EXPECT_EQ(net.number_of_arcs(), 4u);
    net.set_link_type("share", false);
    net.set_link_type("sub", false);
    EXPECT_FALSE(net.directed());
}

TEST(Mixed, TyposAreNamedWithTheKnownWords) {
    const auto net = test::mixed_fixture();
    try {
        (void)filter_links(net, {.types = {"shar"}});
        FAIL() << "no error";
    } catch (const input_error& e) {
        // distance(shar, share) = 1 < distance(shar, sub) = 3: closest first
        EXPECT_NE(std::string(e.what()).find("'shar' (known: share, sub)"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)filter_links(net, {.statuses = {"confirmd"}}), input_error);  // no status at all
    EXPECT_THROW((void)filter_structures(net, {.attributes = {{"legal_famly", std::string("x")}}}), input_error);
    EXPECT_EQ(detail::edit_distance("legal_famly", "legal_family"), 1u);
    EXPECT_EQ(detail::edit_distance("confrimed", "confirmed"), 1u);  // a transposition
    EXPECT_EQ(detail::known_words("x", {}), " (none is known)");
}

TEST(Network, GraphAttributesFollowEveryPart) {
    Network net;
    net.add_structure("a");
    net.add_structure("b");
    net.add_link("a", "b");
    EXPECT_EQ(net.graph_attribute("illustrative"), nullptr);
    net.set_graph_attribute("illustrative", true);
    net.set_graph_attribute("name", std::string("PTCE"));
    EXPECT_THROW(net.set_graph_attribute("", 1.0), input_error);
    // a filter keeps them (subnetwork copies the link types and the graph attributes)
    const auto part = filter_structures(net, StructureFilter{{"a"}, {}});
    ASSERT_NE(part.graph_attribute("illustrative"), nullptr);
    EXPECT_EQ(std::get<bool>(*part.graph_attribute("illustrative")), true);
    EXPECT_EQ(part.graph_attributes().size(), 2u);
    EXPECT_TRUE(net.remove_graph_attribute("name"));
    EXPECT_FALSE(net.remove_graph_attribute("name"));
    EXPECT_EQ(net.graph_attributes().size(), 1u);
}

// ---- characters that outputs cannot keep ----------------------------------------------------

namespace {
/// The message of the input_error f throws ("" and a test failure when it throws none).
template <class F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const input_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "no input_error";
    return {};
}
}  // namespace

TEST(Network, IdentifiersRefuseControlCharactersAndNoncharacters) {
    Network net;
    net.add_structure("ab");
    // "a\x01b" would be written "ab" by the outputs that drop control characters: refused.
    EXPECT_EQ(refusal([&] {
                  net.add_structure(
                      "a\x01"
                      "b");
              }),
              "structure id 'a?b': control character U+0001 is not allowed");
    for (const char* bad : {"a\tb", "a\nb", "a\rb", "\x1f", "a\x7f", "a\xC2\x80",
                            "a\xC2\x9F"
                            "b",
                            "x\xEF\xBF\xBE", "x\xEF\xBF\xBF"})
        EXPECT_THROW(net.add_structure(bad), input_error) << bad;
    EXPECT_THROW(net.add_structure(std::string("a\0b", 3)), input_error);  // NUL
    EXPECT_NE(refusal([&] { net.add_structure("x\xEF\xBF\xBF"); }).find("character U+FFFF is not allowed"),
              std::string::npos);
    EXPECT_NE(refusal([&] { net.add_structure("x\xC2\x85"); }).find("control character U+0085"), std::string::npos);
    EXPECT_NE(refusal([&] { net.add_structure("caf\xE9"); }).find("invalid UTF-8 (byte 0xE9 at byte 4)"),
              std::string::npos);
    EXPECT_THROW(net.add_structure("x\xED\xA0\x80"), input_error);  // a surrogate: not UTF-8
    // Aliases and attribute names follow the same rule; the structure is not added.
    EXPECT_EQ(refusal([&] { net.add_structure("s", "", {}, {"ok", "b\x02"}); }),
              "structure 's': alias 'b?': control character U+0002 is not allowed");
    EXPECT_EQ(refusal([&] { net.add_structure("s", "", {{"k\x7f", 1.0}}); }),
              "structure 's': attribute name 'k?': control character U+007F is not allowed");
    EXPECT_EQ(net.number_of_structures(), 1u);
    // Everything else of Unicode is fine: letters, U+FFFD, an emoji, U+10FFFF, spaces inside.
    net.add_structure("caf\xC3\xA9 \xEF\xBF\xBD \xF0\x9F\xA4\x9D \xF4\x8F\xBF\xBF", "", {}, {"<&>\"'"});
    EXPECT_EQ(net.number_of_structures(), 2u);
    // Edits after creation are checked the same way and change nothing when refused.
    EXPECT_THROW(net.add_alias("ab", "x\x1b"), input_error);
    EXPECT_THROW(net.set_attribute("ab", "n\x01", 1.0), input_error);
    EXPECT_TRUE(net.structure("ab").aliases.empty());
    EXPECT_TRUE(net.structure("ab").attributes.empty());
}

TEST(Network, NamesAndTextValuesRefuseWhatXmlCannotHold) {
    Network net;
    // XML 1.0 text: tab, LF, CR and every other character but C0 controls, U+FFFE, U+FFFF.
    const std::string fine = "A\tB\nC\rD \xC2\x85 \x7f \xEF\xBF\xBD \xF0\x9F\x98\x80 <&>\"";
    net.add_structure("a", fine, {{"note", fine}});
    EXPECT_EQ(net.structure("a").name, fine);
    EXPECT_EQ(refusal([&] {
                  net.add_structure("b", "B\x01");
              }).rfind("structure 'b': name 'B?': control character U+0001 is not allowed", 0),
              0u);
    EXPECT_THROW(net.add_structure("b", "B\xEF\xBF\xBE"), input_error);
    EXPECT_THROW(net.add_structure("b", std::string("B\0", 2)), input_error);
    EXPECT_EQ(refusal([&] { net.add_structure("b", "", {{"note", std::string("x\xEF\xBF\xBF")}}); }),
              "structure 'b': attribute 'note': value 'x?': character U+FFFF is not allowed (a Unicode noncharacter, "
              "invalid in XML 1.0)");
    EXPECT_THROW(net.set_name("a", "\x0b"), input_error);
    EXPECT_THROW(net.set_attribute("a", "note", std::string("\x0c")), input_error);
    EXPECT_EQ(net.structure("a").name, fine);
    EXPECT_EQ(std::get<std::string>(net.structure("a").attributes.at("note")), fine);
    EXPECT_EQ(net.number_of_structures(), 1u);
    net.set_attribute("a", "count", std::int64_t{3});  // values that are not strings always pass
}

TEST(Network, LinkFieldsRefuseControlCharacters) {
    auto net = small();
    EXPECT_EQ(refusal([&] { net.add_link("ies", "bge", {.type = "t\x01"}); }),
              "link type code 't?': control character U+0001 is not allowed");
    EXPECT_EQ(refusal([&] { net.add_link("ies", "bge", {.status = "ok\x85"}); }),
              "link ies -- bge: status 'ok?': invalid UTF-8 (byte 0x85 at byte 3)");
    EXPECT_THROW(net.add_link("ies", "bge", {.status = "ok\xC2\x85"}), input_error);
    EXPECT_THROW(net.add_link("ies", "bge", {.attributes = {{"k\t", 1.0}}}), input_error);
    EXPECT_THROW(net.add_link("ies", "bge", {.attributes = {{"k", std::string("\x01")}}}), input_error);
    EXPECT_THROW(net.set_link_type("t\xEF\xBF\xBE"), input_error);
    EXPECT_THROW(net.set_link_type("t", true, {{"label\x01", std::string("x")}}), input_error);
    EXPECT_THROW(net.set_link_type("t", true, {{"label", std::string("x\x02")}}), input_error);
    EXPECT_EQ(net.number_of_links(), 0u);
    EXPECT_TRUE(net.type_names().empty());  // refused before anything was interned
    net.add_link("ies", "bge",
                 {.type = "supply chain", .status = "confirmed", .attributes = {{"note", std::string("a\tb")}}});
    EXPECT_THROW(net.set_link_attribute(0, "x\x03", 1.0), input_error);
    EXPECT_THROW(net.set_link_attribute(0, "note", std::string("\xEF\xBF\xBF")), input_error);
    EXPECT_EQ(net.link_attribute_names(), (std::vector<std::string>{"note"}));
    // add_links: every table entry and every string value, before anything is added.
    auto columns = [] {
        LinkColumns c;
        c.types = {"t"};
        c.statuses = {"", "ok"};
        c.source = {0, 1};
        c.target = {1, 2};
        c.type = {0, 0};
        c.weight = {1.0, 1.0};
        c.start = c.end = {0, 0};
        c.status = {1, 0};
        c.attributes.emplace_back("b", std::vector<Value>{std::string("x"), 2.0});
        c.attributes.emplace_back("a", std::vector<Value>{true, std::string("y")});
        return c;
    };
    auto bad = columns();
    bad.types = {"t\x01"};
    EXPECT_THROW(net.add_links(bad), input_error);
    bad = columns();
    bad.statuses[1] = "o\x7f";
    EXPECT_THROW(net.add_links(bad), input_error);
    bad = columns();
    bad.attributes[0].first = "b\x01";
    EXPECT_THROW(net.add_links(bad), input_error);
    bad = columns();
    bad.attributes[1].second[1] = std::string("y\x01");
    EXPECT_EQ(refusal([&] { net.add_links(bad); }),
              "add_links: link bge -- una: attribute 'a': value 'y?': control character U+0001 is not allowed (of the "
              "control characters, text may hold tab, line feed and carriage return)");
    bad = columns();
    bad.attributes.emplace_back("b", std::vector<Value>{1.0, 2.0});
    EXPECT_THROW(net.add_links(bad), input_error);  // given twice (found after sorting)
    EXPECT_EQ(net.number_of_links(), 1u);
    // Columns given out of name order land in order, each value under its own name.
    net.add_links(columns());
    EXPECT_EQ(net.link_attribute_names(), (std::vector<std::string>{"a", "b", "note"}));
    EXPECT_EQ(net.attributes(net.links()[1]), (Attributes{{"a", true}, {"b", std::string("x")}}));
    EXPECT_EQ(net.attributes(net.links()[2]), (Attributes{{"a", std::string("y")}, {"b", 2.0}}));
    EXPECT_EQ(net.attributes(net.links()[0]), (Attributes{{"note", std::string("a\tb")}}));
}

TEST(Network, PrintableTextAndFaults) {
    EXPECT_EQ(text_fault("plain", TextRule::identifier), "");
    EXPECT_EQ(text_fault("a\tb", TextRule::text), "");
    EXPECT_EQ(text_fault("a\tb", TextRule::identifier), "'a?b': control character U+0009 is not allowed");
    EXPECT_EQ(printable_text("a\x01\xC2\x85\xEF\xBF\xBF\xE9z"),
              "a???"
              "?z");
    EXPECT_EQ(printable_text(std::string(100, 'x')), std::string(80, 'x') + "... (100 bytes)");
    EXPECT_EQ(detail::code_point_name(0x1F600), "U+1F600");
}

TEST(Network, ManyAliasesAndLinkColumnsAreLinear) {
    // 10^5 aliases on one structure and 10^5 link attributes: fast once every check is a
    // hash or a radix sort (no timing here: see benchmarks/bench.py).
    constexpr std::size_t n = 100000;
    auto text = [](const char* prefix, std::size_t k, std::size_t width = 0) {  // (+=, not "x" + to_string:
        std::string s = prefix;                                                 // a GCC 12 -O3 -Wrestrict
        const auto digits = std::to_string(k);                                  // false positive)
        if (digits.size() < width) s.append(width - digits.size(), '0');
        s += digits;
        return s;
    };
    std::vector<std::string> aliases;
    aliases.reserve(n + 2);
    for (std::size_t k = 0; k < n; ++k) aliases.push_back(text("alias ", k));
    aliases.push_back("s");  // the own id, twice: harmless, dropped
    aliases.push_back("s");
    Network net;
    net.add_structure("s", "", {}, aliases);
    EXPECT_EQ(net.structure("s").aliases.size(), n);
    EXPECT_EQ(net.index_of("alias 99999"), 0u);
    aliases.resize(n);
    aliases.push_back("alias 5");
    aliases.push_back("alias 7");
    EXPECT_EQ(refusal([&] { net.add_structure("t", "", {}, aliases); }),
              "structure 't': alias 'alias 0' is already used by structure 's'");
    for (auto& a : aliases) a = "t" + a;
    EXPECT_EQ(refusal([&] { net.add_structure("t", "", {}, aliases); }), "structure 't': alias 'talias 5' given twice");
    net.add_structure("u");
    net.add_link("s", "u");
    // Out of order: each new column inserted at its place, those after it renumbered.
    for (std::size_t k = 0; k < 1000; ++k) {
        const auto j = (k * 7919) % 1000;
        net.set_link_attribute(0, text("b", j), static_cast<std::int64_t>(j));
    }
    // In name order (as the CSV reader and add_links give them): each column appended.
    for (std::size_t k = 0; k < n; ++k) net.set_link_attribute(0, text("c", k, 6), static_cast<std::int64_t>(k));
    const auto& l = net.links()[0];
    EXPECT_EQ(net.link_attribute_names().size(), n + 1000);
    EXPECT_EQ(std::get<std::int64_t>(*net.link_attribute(l, "c000000")), 0);
    EXPECT_EQ(std::get<std::int64_t>(*net.link_attribute(l, "c054321")), 54321);
    EXPECT_EQ(std::get<std::int64_t>(*net.link_attribute(l, "c099999")), 99999);
    EXPECT_EQ(std::get<std::int64_t>(*net.link_attribute(l, "b0")), 0);
    EXPECT_EQ(std::get<std::int64_t>(*net.link_attribute(l, "b617")), 617);
    const auto all = net.attributes(l);
    EXPECT_EQ(all.size(), n + 1000);
    EXPECT_EQ(std::get<std::int64_t>(all.at("b999")), 999);
}
