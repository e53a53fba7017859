// Tests of coopmap/export.hpp (structure of the text; readers are checked in pytest).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "coopmap/export.hpp"

using namespace coopmap;

namespace {
std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}
Network sample() {
    Network net;
    net.add_structure("a", "A <1>", {{"n", std::int64_t{1}}, {"flag", true}}, {"A1"});
    net.add_structure("b", "B \"2\"", {{"n", 2.5}});
    net.add_structure("c");
    net.add_link("a", "b");
    LinkSpec s;
    s.type = "shared_staff";
    s.status = "confirmed";
    net.add_link("a", "b", s);
    net.add_link("b", "c");
    return net;
}
}  // namespace

TEST(Export, GexfDeclaresTypesAndKeepsParallelLinks) {
    const auto net = sample();
    ExportOptions o;
    o.positions = Layout{{0, 1, 2}, {0, 0, 1}};
    o.colors = {"#E69F00", "#56B4E9", "#009E73"};
    o.sizes = {1, 4, 0};
    const auto g = to_gexf(net, o);
    EXPECT_EQ(count(g, "<edge id="), 3u);
    EXPECT_EQ(count(g, "<node id="), 3u);
    EXPECT_NE(g.find("title=\"n\" type=\"double\""), std::string::npos);  // int and float -> double
    EXPECT_NE(g.find("title=\"flag\" type=\"boolean\""), std::string::npos);
    EXPECT_NE(g.find("value=\"1.0\""), std::string::npos);  // the int in a double column
    EXPECT_NE(g.find("label=\"A &lt;1&gt;\""), std::string::npos);
    EXPECT_NE(g.find("<viz:color r=\"230\" g=\"159\" b=\"0\"/>"), std::string::npos);  // 0xE6 0x9F 0x00
    // viz size 10 + 40 sqrt(v / 4): b -> 50, a -> 30, c (0) -> 10.
    EXPECT_NE(g.find("<viz:size value=\"50.0\"/>"), std::string::npos);
    EXPECT_NE(g.find("<viz:size value=\"30.0\"/>"), std::string::npos);
    EXPECT_THROW(to_gexf(net, ExportOptions{{}, {"red", "#000000", "#000000"}, {}}), input_error);
}

// Dated links make the GEXF dynamic: each edge's interval in full dates (Gephi's timeline).
// Hand-derived bounds: a start "2013" begins 2013-01-01; an end "2024-02" ends on the 29th
// (2024 is a leap year), "2023-02" on the 28th, "1900-02" on the 28th (a century not
// divisible by 400), "2000-02" on the 29th; a full date stays as it is.
TEST(Export, GexfWithDatesIsDynamic) {
    EXPECT_EQ(to_gexf(sample()).find("mode=\"dynamic\""), std::string::npos);  // no date: static
    Network net;
    for (const char* id : {"a", "b", "c", "d", "e", "f"}) net.add_structure(id);
    auto dated = [](const char* start, const char* end) {
        LinkSpec l;
        l.start = start;
        l.end = end;
        return l;
    };
    net.add_link("a", "b", dated("2013", "2024-02"));
    net.add_link("b", "c", dated("2013-03", "2023-02"));
    net.add_link("c", "d", dated("1899-03-15", "1900-02"));
    net.add_link("d", "e", dated("", "2000-02"));
    net.add_link("e", "f");
    const auto g = to_gexf(net);
    EXPECT_NE(g.find("<graph mode=\"dynamic\" timeformat=\"date\" defaultedgetype=\"undirected\">"), std::string::npos);
    EXPECT_NE(g.find("target=\"b\" start=\"2013-01-01\" end=\"2024-02-29\""), std::string::npos);
    EXPECT_NE(g.find("target=\"c\" start=\"2013-03-01\" end=\"2023-02-28\""), std::string::npos);
    EXPECT_NE(g.find("target=\"d\" start=\"1899-03-15\" end=\"1900-02-28\""), std::string::npos);
    EXPECT_NE(g.find("target=\"e\" end=\"2000-02-29\""), std::string::npos);
    EXPECT_NE(g.find("target=\"f\" label="), std::string::npos);  // no interval: present throughout
    EXPECT_NE(g.find("<attvalue for=\"start\" value=\"2013\"/>"), std::string::npos);  // the date as written
}

TEST(Export, OtherFormats) {
    const auto net = sample();
    const auto gm = to_graphml(net);
    EXPECT_EQ(count(gm, "<edge id="), 3u);
    EXPECT_NE(gm.find("attr.name=\"n\" attr.type=\"double\""), std::string::npos);
    const auto js = to_json(net);
    EXPECT_NE(js.find("\"aliases\": [\"A1\"]"), std::string::npos);
    EXPECT_EQ(count(js, "\"source\""), 3u);
    const auto dot = to_dot(net);
    EXPECT_EQ(dot.rfind("graph \"coopmap\" {", 0), 0u);
    EXPECT_NE(dot.find("label=\"B \\\"2\\\"\""), std::string::npos);
    EXPECT_EQ(count(dot, " -- "), 3u);
    const auto pj = to_pajek(net);
    EXPECT_EQ(pj.rfind("*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Edges\n", 0), 0u);
    EXPECT_NE(pj.find("1 2 1.0 l \"shared_staff\""), std::string::npos);
}

// ---- well-formed XML whatever the names ------------------------------------------------------

namespace {
bool is_xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

/// A strict reader of the XML the exporters write (an XML declaration, elements,
/// attributes, character data and references; no DTD, CDATA, comment or processing
/// instruction): every byte must decode as UTF-8 to a character XML 1.0 allows, every
/// reference must be one of the five entities or a character reference to an allowed
/// character, tags must nest, attributes be quoted and not repeat, and one root element
/// hold everything. Returns the first problem ("" when well-formed); collects every
/// attribute value and every run of character data, unescaped, into `texts`.
std::string xml_problem(const std::string& x, std::multiset<std::string>& texts) {
    // 1. UTF-8 (no overlong, surrogate or > U+10FFFF) and XML 1.0 characters only.
    for (std::size_t i = 0; i < x.size();) {
        const auto c = static_cast<unsigned char>(x[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > x.size()) return std::string("bad UTF-8 lead byte at ") + std::to_string(i);
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(x[i + k]);
            if ((b & 0xC0) != 0x80) return std::string("bad UTF-8 continuation at ") + std::to_string(i + k);
            cp = (cp << 6) | (b & 0x3F);
        }
        static constexpr char32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return std::string("invalid UTF-8 at ") + std::to_string(i);
        if (!is_xml_char(cp)) return std::string("character not allowed in XML 1.0 at byte ") + std::to_string(i);
        i += len;
    }
    // 2. Structure.
    std::size_t i = 0;
    auto at_end = [&] { return i >= x.size(); };
    auto fail = [&](const std::string& what) { return what + " at byte " + std::to_string(i); };
    auto is_name_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '-' || c == '.';
    };
    auto name = [&] {
        const std::size_t b = i;
        if (!at_end() && (std::isalpha(static_cast<unsigned char>(x[i])) || x[i] == '_' || x[i] == ':'))
            while (!at_end() && is_name_char(x[i])) ++i;
        return x.substr(b, i - b);
    };
    auto space = [&] {
        while (!at_end() && (x[i] == ' ' || x[i] == '\t' || x[i] == '\n' || x[i] == '\r')) ++i;
    };
    // Reads text up to `stop`, resolving references; "" problem or the problem.
    auto text = [&](char stop, std::string& out) -> std::string {
        while (!at_end() && x[i] != stop) {
            if (x[i] == '<') return fail("'<' in text or attribute value");
            if (stop == '<' && x.compare(i, 3, "]]>") == 0) return fail("']]>' in character data");
            if (x[i] != '&') {
                out += x[i++];
                continue;
            }
            const auto semi = x.find(';', i);
            if (semi == std::string::npos) return fail("unterminated reference");
            const std::string ref = x.substr(i + 1, semi - i - 1);
            static const std::pair<const char*, char> entities[] = {
                {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
            bool found = false;
            for (const auto& [e, ch] : entities)
                if (ref == e) {
                    out += ch;
                    found = true;
                }
            if (!found) {
                const bool hex = ref.size() > 2 && ref[0] == '#' && ref[1] == 'x';
                const std::string digits = ref.substr(hex ? 2 : 1);
                if (ref.size() < 2 || ref[0] != '#' || digits.empty() ||
                    digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos ||
                    digits.size() > 8)
                    return fail("unknown reference &" + ref + ";");
                const auto cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
                if (!is_xml_char(cp)) return fail("reference to a character XML 1.0 does not allow");
                if (cp < 0x80) out += static_cast<char>(cp);
                else out += "<non-ASCII reference>";  // the exporters reference ASCII only
            }
            i = semi + 1;
        }
        return "";
    };
    if (x.compare(0, 5, "<?xml") == 0) {
        i = x.find("?>");
        if (i == std::string::npos) return "unterminated XML declaration";
        i += 2;
    }
    std::vector<std::string> open;
    bool root_done = false;
    while (!at_end()) {
        if (x[i] != '<') {
            std::string data;
            if (auto p = text('<', data); !p.empty()) return p;
            if (open.empty() && data.find_first_not_of(" \t\r\n") != std::string::npos)
                return fail("text outside the root");
            if (!open.empty()) texts.insert(data);
            continue;
        }
        ++i;
        if (!at_end() && x[i] == '/') {
            ++i;
            const auto n = name();
            space();
            if (at_end() || x[i] != '>') return fail("bad end tag");
            ++i;
            if (open.empty() || open.back() != n) return fail("end tag </" + n + "> does not match");
            open.pop_back();
            root_done = open.empty();
            continue;
        }
        if (root_done) return fail("a second root element");
        const auto n = name();
        if (n.empty()) return fail("bad element name");
        std::set<std::string> seen;
        for (;;) {
            const bool had_space = !at_end() && (x[i] == ' ' || x[i] == '\n' || x[i] == '\t' || x[i] == '\r');
            space();
            if (at_end()) return fail("unterminated tag");
            if (x[i] == '>' || x.compare(i, 2, "/>") == 0) break;
            if (!had_space) return fail("no space before an attribute");
            const auto a = name();
            if (a.empty()) return fail("bad attribute name");
            if (!seen.insert(a).second) return fail("attribute " + a + " given twice");
            space();
            if (at_end() || x[i] != '=') return fail("attribute without '='");
            ++i;
            space();
            if (at_end() || (x[i] != '"' && x[i] != '\'')) return fail("unquoted attribute value");
            const char q = x[i++];
            std::string value;
            if (auto p = text(q, value); !p.empty()) return p;
            if (at_end()) return fail("unterminated attribute value");
            ++i;
            texts.insert(value);
        }
        if (x[i] == '/') {
            i += 2;
            root_done = open.empty();
        } else {
            ++i;
            open.push_back(n);
        }
    }
    if (!open.empty()) return "unclosed element <" + open.back() + ">";
    return root_done ? "" : "no root element";
}
}  // namespace

TEST(Export, XmlOutputsAreWellFormedWhateverTheNames) {
    // Every odd character XML 1.0 allows, in names, attribute values and link fields.
    const std::vector<std::string> odd = {"tab\there",
                                          "two\nlines",
                                          "crlf\r\nend",
                                          "replacement \xEF\xBF\xBD",
                                          "emoji \xF0\x9F\xA4\x9D\xF0\x9F\x8F\xBD",
                                          "<&>\"' ]]> &amp;",
                                          "DEL \x7f C1 \xC2\x85",
                                          "last plane \xF4\x8F\xBF\xBD"};
    auto id = [](std::size_t k) {  // (no "s" + to_string: a GCC 12 -O3 -Wrestrict false positive)
        std::string s = "s";
        s += std::to_string(k);
        s += " \xC3\xA9 <&>";
        return s;
    };
    Network net;
    for (std::size_t k = 0; k < odd.size(); ++k)
        net.add_structure(id(k), odd[k], {{"note", odd[k]}},
                          {std::string("alias \xF0\x9F\xA4\x9D ") + std::to_string(k)});
    for (std::size_t k = 1; k < odd.size(); ++k)
        net.add_link(static_cast<index_t>(k - 1), static_cast<index_t>(k), "type <&> \xC3\xA9", 1.0, "", "",
                     "st \xEF\xBF\xBD", {{"memo", odd[k]}});
    // What XML cannot hold is refused at input, so it can never reach an output (before
    // the input rules these were accepted and written: U+FFFE/U+FFFF raw, controls dropped).
    for (const std::string& bad :
         {std::string("nul \0 x", 7), std::string("bell \x07"), std::string("esc \x1b"),
          std::string("noncharacter \xEF\xBF\xBE"), std::string("\xEF\xBF\xBF"), std::string("vt \x0b ff \x0c")}) {
        EXPECT_THROW(net.add_structure("bad", bad), input_error) << bad;
        EXPECT_THROW(net.add_structure("bad" + bad), input_error) << bad;
        EXPECT_THROW(net.set_attribute("s0 \xC3\xA9 <&>", "note", bad), input_error) << bad;
    }
    EXPECT_THROW(net.add_structure("a\x01"
                                   "b"),
                 input_error);  // would collapse with "ab" in GEXF, GraphML, DOT
    const auto n = net.number_of_structures();
    ASSERT_EQ(n, odd.size());
    // (The maps' SVG and HTML are written in Python: tests/python/test_escaping.py.)
    const std::pair<const char*, std::string> outputs[] = {{"GEXF", to_gexf(net)}, {"GraphML", to_graphml(net)}};
    for (const auto& [format, xml] : outputs) {
        SCOPED_TRACE(format);
        std::multiset<std::string> texts;
        EXPECT_EQ(xml_problem(xml, texts), "");
        for (const auto& text : odd) EXPECT_GE(texts.count(text), 2u) << text;  // name and note, verbatim
        for (std::size_t k = 0; k < n; ++k) EXPECT_GE(texts.count(id(k)), 1u);  // ids kept whole
        EXPECT_GE(texts.count("st \xEF\xBF\xBD"), 1u);
    }
    // The checker itself refuses what it must.
    std::multiset<std::string> t;
    EXPECT_NE(xml_problem("<a>\xEF\xBF\xBF</a>", t), "");
    EXPECT_NE(xml_problem("<a>\x01</a>", t), "");
    EXPECT_NE(xml_problem("<a b=\"&#1;\"/>", t), "");
    EXPECT_NE(xml_problem("<a>&nope;</a>", t), "");
    EXPECT_NE(xml_problem("<a><b></a></b>", t), "");
    EXPECT_NE(xml_problem("<a b=\"<\"/>", t), "");
    EXPECT_NE(xml_problem("<a/><b/>", t), "");
    EXPECT_EQ(xml_problem("<?xml version=\"1.0\"?>\n<a b='&#9;&amp;'>x&#10;</a>\n", t), "");
}
