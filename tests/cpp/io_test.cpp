// Tests of coopmap/io.hpp: the CSV reader's rules and errors, and the lossless round trip.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "coopmap/io.hpp"
#include "csv/reader.hpp"  // private (src/csv/): the test target has src/ on its include path

using namespace coopmap;
namespace fs = std::filesystem;

namespace {
class Csv : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("coopmap_io_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& bytes) {
        auto p = (dir_ / name).string();
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }
    std::string read(const std::string& p) {
        std::ifstream f(p, std::ios::binary);
        std::stringstream s;
        s << f.rdbuf();
        return s.str();
    }
    // Expects a parse_error at this line and column (1-based, 0 = whole record).
    void expect_error(const std::string& s, const std::string& l, std::size_t line, std::size_t column,
                      const std::string& needle) {
        try {
            read_csv(s, l);
            FAIL() << "no error for " << needle;
        } catch (const parse_error& e) {
            EXPECT_EQ(e.line(), line) << e.what();
            EXPECT_EQ(e.column(), column) << e.what();
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(fs::path(e.file()).filename().string()), std::string::npos);
        }
    }
    fs::path dir_;
};

const std::string kStructures = "id,name,employees\nies,IES,12\nbge,BGE,3\nuna,UNA,\n";
}  // namespace

TEST_F(Csv, QuotingBomSeparatorsAndTyping) {
    // BOM, ';' separator, quoted ';', doubled quotes, a line break inside a field, CRLF, blank line.
    const std::string s = write("s.csv",
                                "\xEF\xBB\xBFid;name;budget;ess;code;mixed\r\n"
                                "coop;\"Coop'Action; SCOP \"\"bâtiment\"\"\";2,5;TRUE;01234;7\r\n"
                                "\r\n"
                                "ies;\"Innovation\nÉconomie\";3;false;1234;x\r\n");
    const std::string l = write("l.csv", "source;target;weight\r\ncoop;ies;1,5\r\n");
    auto net = read_csv(s, l);
    ASSERT_EQ(net.number_of_structures(), 2u);
    EXPECT_EQ(net.structure("coop").name, "Coop'Action; SCOP \"bâtiment\"");
    EXPECT_EQ(net.structure("ies").name, "Innovation\nÉconomie");
    const auto& a = net.structure("coop").attributes;
    EXPECT_EQ(std::get<double>(a.at("budget")), 2.5);  // decimal comma with ';'
    EXPECT_EQ(std::get<bool>(a.at("ess")), true);
    EXPECT_EQ(std::get<std::string>(a.at("code")), "01234");  // leading zero: stays text
    EXPECT_EQ(std::get<std::string>(a.at("mixed")), "7");     // column has "x": text
    EXPECT_EQ(std::get<std::string>(net.structure("ies").attributes.at("code")), "1234");
    EXPECT_EQ(net.links()[0].weight, 1.5);
    EXPECT_EQ(net.type_name(net.links()[0]), "cooperation");
}

TEST_F(Csv, IntegerColumnAndMissingCells) {
    auto net = read_csv(write("s.csv", kStructures));
    EXPECT_EQ(std::get<std::int64_t>(net.structure("ies").attributes.at("employees")), 12);
    EXPECT_EQ(net.structure("una").attributes.count("employees"), 0u);  // empty cell: no attribute
}

TEST_F(Csv, Errors) {
    const auto s = write("s.csv", kStructures);
    // line numbers: header is line 1; the data row of each case is line 2 unless said.
    expect_error(write("a.csv", "name\nx\n"), "", 1, 0, "missing required column 'id'");
    expect_error(write("b.csv", "id,name\n,x\n"), "", 2, 1, "empty structure id");
    expect_error(write("c.csv", "id\na\nb\na\n"), "", 4, 1, "first defined on line 2");
    expect_error(s, write("d.csv", "source,target\nies,nope\n"), 2, 2, "unknown structure 'nope'");
    expect_error(s, write("e.csv", "target\nies\n"), 1, 0, "missing required column 'source'");
    expect_error(s, write("f.csv", "source,target,weight\nies,bge,abc\n"), 2, 3, "not a number");
    expect_error(s, write("g.csv", "source,target,weight\nies,bge,nan\n"), 2, 3, "not finite");
    expect_error(s, write("h.csv", "source,target,weight\nies,bge,inf\n"), 2, 3, "not finite");
    expect_error(s, write("i.csv", "source,target,weight\nies,bge,0\n"), 2, 3, "> 0");
    expect_error(s, write("j.csv", "source,target,weight\nies,bge,-2\n"), 2, 3, "> 0");
    expect_error(s, write("k.csv", "source,target\nies,bge,x\n"), 2, 3, "3 fields but the header has 2");
    expect_error(s, write("l.csv", "source,target,type\nies,bge\n"), 2, 3, "missing 'type'");
    expect_error(s, write("m.csv", "source,target\nies,ies\n"), 2, 2, "self-loop");
    expect_error(s, write("n.csv", "source,target,start\nies,bge,2013-02-30\n"), 2, 3, "not an ISO date");
    // Latin-1 'é' (0xE9) is not UTF-8.
    expect_error(write("o.csv", "id,name\nx,caf\xE9\n"), "", 2, 2, "invalid UTF-8 (byte 0xE9");
    // A quoted field over lines 2-3: the next record starts on line 4.
    expect_error(write("p.csv", "id,name\na,\"two\nlines\"\n,b\n"), "", 4, 1, "empty structure id");
    expect_error(write("q.csv", "id,name\na,\"never closed\n"), "", 2, 2, "never closed");
    expect_error(write("r.csv", "id,name\na,5\" screen\n"), "", 2, 2, "quote inside an unquoted field");
    expect_error(write("t.csv", "id,name\na,\"x\"y\n"), "", 2, 2, "after a closing quote");
    expect_error(write("u.csv", ""), "", 1, 0, "empty file");
    expect_error(write("v.csv", "id,id\n"), "", 1, 2, "appears twice");
    expect_error((dir_ / "missing.csv").string(), "", 0, 0, "cannot open");
}

TEST_F(Csv, RoundTripIsLossless) {
    Network net(true);
    net.add_structure(
        "a", "Name, with \"quotes\"\nand a line",
        {{"n", std::int64_t{-3}}, {"x", 2.0}, {"ok", true}, {"code", std::string("007")}, {"empty", std::string()}},
        {"A", "alias 2"});
    net.add_structure(" b ", "", {{"x", 0.1}});
    net.add_link("a", " b ",
                 {.type = "supply",
                  .weight = 0.25,
                  .start = "2012-01",
                  .end = "2013-12-31",
                  .status = "confirmed",
                  .attributes = {{"note", std::string("é; ç; œ")}}});
    net.add_link(" b ", "a", {.type = "co_funding", .weight = 3.0});
    const auto s1 = (dir_ / "s1.csv").string(), l1 = (dir_ / "l1.csv").string();
    write_csv(net, s1, l1);
    auto back = read_csv(s1, l1, {.directed = true});
    ASSERT_EQ(back.number_of_structures(), 2u);
    for (index_t i = 0; i < 2; ++i) {
        EXPECT_EQ(back.structure(i).id, net.structure(i).id);
        EXPECT_EQ(back.structure(i).name, net.structure(i).name);
        EXPECT_EQ(back.structure(i).aliases, net.structure(i).aliases);
        EXPECT_EQ(back.structure(i).attributes, net.structure(i).attributes);  // values and types
    }
    ASSERT_EQ(back.number_of_links(), 2u);
    for (std::size_t k = 0; k < 2; ++k) {
        const auto &x = net.links()[k], &y = back.links()[k];
        EXPECT_EQ(x.source, y.source);
        EXPECT_EQ(x.target, y.target);
        EXPECT_EQ(net.type_name(x), back.type_name(y));
        EXPECT_EQ(x.weight, y.weight);
        EXPECT_EQ(net.start(x), back.start(y));
        EXPECT_EQ(net.end(x), back.end(y));
        EXPECT_EQ(net.status_name(x), back.status_name(y));
        EXPECT_EQ(net.attributes(x), back.attributes(y));
    }
    const auto s2 = (dir_ / "s2.csv").string(), l2 = (dir_ / "l2.csv").string();
    write_csv(back, s2, l2, {.delimiter = ';'});
    auto again = read_csv(s2, l2, {.directed = true});
    write_csv(again, s2, l2);
    EXPECT_EQ(read(s1), read(s2));  // byte-identical after two trips, one through ';'
    EXPECT_EQ(read(l1), read(l2));
}

TEST_F(Csv, BundledDatasetsRoundTrip) {
    for (const char* name : {"ptce-sicoval-2013", "karate", "florentine"}) {
        const std::string d = std::string(COOPMAP_SOURCE_DIR) + "/datasets/" + name;
        auto net = read_csv(d + "/structures.csv", d + "/links.csv");
        EXPECT_GT(net.number_of_links(), 0u) << name;
        const auto s = (dir_ / "s.csv").string(), l = (dir_ / "l.csv").string();
        write_csv(net, s, l);
        const auto a = read(s), b = read(l);
        write_csv(read_csv(s, l), s, l);
        EXPECT_EQ(read(s), a) << name;
        EXPECT_EQ(read(l), b) << name;
    }
}

TEST_F(Csv, WriteIsAtomic) {
    // A failing write (unwritable target folder) leaves the existing file untouched.
    const auto s = write("s.csv", kStructures);
    auto net = read_csv(s);
    EXPECT_THROW(write_csv(net, (dir_ / "no_such_dir" / "s.csv").string(), ""), input_error);
    EXPECT_EQ(read(s), kStructures);
    EXPECT_FALSE(fs::exists(dir_ / "no_such_dir"));
}

TEST(Utf8, Validation) {
    using detail::invalid_utf8_offset;
    constexpr auto ok = static_cast<std::size_t>(-1);
    EXPECT_EQ(invalid_utf8_offset("Économie œuvre ç"), ok);
    EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x98\x80"), ok);  // U+1F600
    EXPECT_EQ(invalid_utf8_offset("ab\xC3"), 2u);            // truncated sequence
    EXPECT_EQ(invalid_utf8_offset("\xC0\xAF"), 0u);          // overlong '/'
    EXPECT_EQ(invalid_utf8_offset("x\xED\xA0\x80"), 1u);     // UTF-16 surrogate
    EXPECT_EQ(invalid_utf8_offset("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
}

// ---- reading from memory (read_csv_text), chunk boundaries, hostile sizes -------------------

namespace {
/// Structures and links of two networks are equal field by field (attributes with types).
void expect_same(const Network& a, const Network& b) {
    ASSERT_EQ(a.number_of_structures(), b.number_of_structures());
    ASSERT_EQ(a.number_of_links(), b.number_of_links());
    for (index_t i = 0; i < a.number_of_structures(); ++i) {
        EXPECT_EQ(a.structure(i).id, b.structure(i).id);
        EXPECT_EQ(a.structure(i).name, b.structure(i).name);
        EXPECT_EQ(a.structure(i).aliases, b.structure(i).aliases);
        EXPECT_EQ(a.structure(i).attributes, b.structure(i).attributes);
    }
    for (std::size_t k = 0; k < a.number_of_links(); ++k) {
        const auto &x = a.links()[k], &y = b.links()[k];
        EXPECT_EQ(x.source, y.source);
        EXPECT_EQ(x.target, y.target);
        EXPECT_EQ(x.weight, y.weight);
        EXPECT_EQ(a.type_name(x), b.type_name(y));
        EXPECT_EQ(a.start(x), b.start(y));
        EXPECT_EQ(a.end(x), b.end(y));
        EXPECT_EQ(a.status_name(x), b.status_name(y));
        EXPECT_EQ(a.attributes(x), b.attributes(y));
    }
}
}  // namespace

TEST_F(Csv, TextReaderEqualsFileReader) {
    for (const char* name : {"ptce-sicoval-2013", "karate", "florentine"}) {
        const std::string d = std::string(COOPMAP_SOURCE_DIR) + "/datasets/" + name;
        const auto s = read(d + "/structures.csv"), l = read(d + "/links.csv");
        expect_same(read_csv_text(s, l), read_csv(d + "/structures.csv", d + "/links.csv"));
    }
    EXPECT_EQ(read_csv_text("id\na\n").number_of_links(), 0u);  // no links file
    try {
        read_csv_text("id\na\nb\n", "source,target\na,b\nb,zz\n");
        FAIL();
    } catch (const parse_error& e) {
        EXPECT_EQ(e.file(), "<links>");
        EXPECT_EQ(e.line(), 3u);
        EXPECT_EQ(e.column(), 2u);
    }
    EXPECT_THROW(read_csv_text("id\na\n", ""), parse_error);  // an empty links "file"
}

TEST_F(Csv, ChunkBoundariesDoNotMatter) {
    // The file reader reads 1 MiB chunks (kChunk in src/csv/reader.cpp); the text reader
    // sees everything at once. Put a quoted field with a doubled quote, a CRLF, a
    // two-byte UTF-8 character and a field separator across the first boundary, at
    // every offset around it, and expect the same network from both readers.
    constexpr std::size_t kChunk = 1 << 20;
    const std::string head = "id,name,note\n";
    const std::string tail = "\"x\"\"y\xC3\xA9t\xC3\xA9\"\r\nb,\"B\r\nB\",2\r\n";
    for (std::size_t shift = 0; shift < 32; ++shift) {
        // pad: the first record's name ends 7 bytes before the boundary at shift 0, so
        // the boundary walks through the end of that name, the quoted note and the CRLF.
        const std::size_t pad = kChunk - 6 + shift - head.size() - 4;
        std::string text = head + "a,\"" + std::string(pad, 'p') + "\"," + tail;
        const auto p = write("chunk.csv", text);
        SCOPED_TRACE("shift " + std::to_string(shift));
        expect_same(read_csv(p), read_csv_text(text));
        const auto net = read_csv(p);
        EXPECT_EQ(net.structure("b").name, "B\r\nB");
        EXPECT_EQ(std::get<std::string>(net.structure("a").attributes.at("note")), "x\"y\xC3\xA9t\xC3\xA9");
    }
}

TEST_F(Csv, HugeCellsGiveShortMessages) {
    const std::string big(5'000'000, 'z');
    try {
        read_csv_text("id\na\nb\n", "source,target\na," + big + "\n");
        FAIL();
    } catch (const parse_error& e) {
        const std::string m = e.what();
        EXPECT_LT(m.size(), 300u) << m.substr(0, 300);
        EXPECT_NE(m.find("(5000000 bytes)"), std::string::npos);
    }
    // A huge cell is data like any other: read in full.
    EXPECT_EQ(read_csv_text("id,name\na," + big + "\n").structure("a").name.size(), big.size());
}

TEST_F(Csv, DelimiterMustNotBeQuoteOrLineBreak) {
    const auto s = write("s.csv", kStructures);
    for (char d : {'"', '\n', '\r'}) {
        EXPECT_THROW(read_csv(s, "", {.delimiter = d}), input_error);
        EXPECT_THROW(read_csv_text(kStructures, std::nullopt, {.delimiter = d}), input_error);
    }
    EXPECT_EQ(read_csv(s, "", {.delimiter = ','}).number_of_structures(), 3u);
}

TEST_F(Csv, HeaderNamesWithSeparatorsRoundTrip) {
    // Found by fuzz_csv: an attribute named "a;b;c;d" written unquoted in the header of a
    // ',' file made read_csv detect ';' (3 semicolons > 2 commas outside quotes) and fail
    // with "missing required column 'id'". Every separator, every such name.
    Network net;
    // (A name holding tabs is no attribute name any more: control characters are refused.)
    net.add_structure("q", "Q", {{"a;b;c;d", std::int64_t{1}}, {"x,y,z,w", 2.5}, {"t u,v;w", std::string("s")}});
    net.add_structure("r");
    net.add_link("q", "r", {.attributes = {{"k;l;m;n", true}}});
    for (char d : {',', ';', '\t'}) {
        SCOPED_TRACE(std::string("delimiter ") + d);
        const auto s = (dir_ / "s.csv").string(), l = (dir_ / "l.csv").string();
        write_csv(net, s, l, {.delimiter = d});
        const auto back = read_csv(s, l);  // separator detected
        expect_same(back, net);
    }
}

// The responses file of a folder is read by the same rules as the Inventory's import of
// responses (src/csv/rows.hpp). Expected rows and error positions by hand.
TEST_F(Csv, ResponsesFileSharesTheInventoryRules) {
    Network net;
    net.add_structure("ies", "IES", {}, {"IéS"});
    net.add_structure("bge");
    const auto rows = read_responses(net, write("r.csv", "structure,status\nIéS,complete\nbge,refused\n"));
    EXPECT_EQ(rows, (std::vector<std::pair<index_t, std::string>>{{0, "complete"}, {1, "refused"}}));  // alias resolved
    auto expect = [&](const std::string& text, std::size_t line, std::size_t column, const std::string& needle) {
        try {
            (void)read_responses(net, write("bad.csv", text));
            FAIL() << "no error for " << needle;
        } catch (const parse_error& e) {
            EXPECT_EQ(e.line(), line) << e.what();
            EXPECT_EQ(e.column(), column) << e.what();
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    expect("structure\nies\n", 1, 0, "missing required column 'status'");
    expect("structure,status,note\nies,complete,x\n", 1, 3, "unknown column 'note'");
    expect("structure,status\nies,complet\n", 2, 2, "complete, partial, refused or unreached, got 'complet'");
    expect("structure,status\nnope,complete\n", 2, 1, "unknown structure 'nope'");
    // the ids listed closest first (Damerau-Levenshtein: bge 1, ies 3)
    expect("structure,status\nbgee,complete\n", 2, 1,
           "unknown structure 'bgee' (not an id or alias in the structures file) (known: bge, ies)");
    expect("structure,status\nies,complete\nbge,partial\nIéS,partial\n", 4, 1, "'ies' (first on line 2)");
    expect("structure,status\nies,compl\xE9te\n", 2, 2, "invalid UTF-8");  // Latin-1 is refused, not misread
}

// Issue 22, point 5: one row with 10^5 aliases and headers of 2 x 10^5 columns took
// seconds to minutes (pairwise scans); linear now. Correctness only: no timing in tests
// (the benchmark row "wide" of benchmarks/bench.py measures t(10^6) / t(10^5)).
TEST_F(Csv, WideRowsAndHeadersAreReadInLinearTime) {
    constexpr std::size_t n = 100000;
    std::string s = "id,aliases\nx,";
    for (std::size_t k = 0; k < n; ++k) s += (k ? "|a" : "a") + std::to_string(k);
    const auto net = read_csv_text(s + "|x\ny,\n");
    EXPECT_EQ(net.structure("x").aliases.size(), n);
    EXPECT_EQ(net.index_of("a99999"), 0u);
    try {  // the first alias given twice is named, wherever it is
        read_csv_text(s + "| a17 |a18\n");
        FAIL();
    } catch (const parse_error& e) {
        EXPECT_EQ(e.line(), 2u);
        EXPECT_EQ(e.column(), 2u);
        EXPECT_EQ(e.message(), "alias 'a17' given twice");
    }
    // Headers of 2 x 10^5 columns: structures and links files.
    constexpr std::size_t c = 200000;
    std::string header, row;
    for (std::size_t k = 0; k < c; ++k) {
        header += ",c" + std::to_string(c - k);  // not in name order
        row += k % 2 ? "," : ",1";
    }
    const auto wide = read_csv_text("id" + header + "\nx" + row + "\ny" + row + "\n",
                                    "source,target" + header + "\nx,y" + row + "\n");
    EXPECT_EQ(wide.structure("y").attributes.size(), c / 2);
    EXPECT_EQ(std::get<std::int64_t>(wide.structure("x").attributes.at("c200000")), 1);
    EXPECT_EQ(wide.link_attribute_names().size(), c / 2);
    EXPECT_EQ(std::get<std::int64_t>(*wide.link_attribute(wide.links()[0], "c2")), 1);
    try {
        read_csv_text("id" + header + ",c77\n");
        FAIL();
    } catch (const parse_error& e) {
        EXPECT_EQ(e.line(), 1u);
        EXPECT_EQ(e.column(), c + 2);
        EXPECT_EQ(e.column_name(), "c77");
        EXPECT_EQ(e.message(), "column 'c77' appears twice in the header");
    }
}

// Issue 22, point 6: what an output cannot write faithfully is refused at input, as a
// parse_error naming the file, line and column of the cell (messages as the Network's).
TEST_F(Csv, CharactersOutputsCannotKeepAreRefusedWithTheirCell) {
    const std::string ok = "id,name\nx,X\ny,Y\n";
    expect_error(write("a.csv",
                       "id,name\n\"a\x01"
                       "b\",A\n"),
                 "", 2, 1, "structure id 'a?b': control character U+0001 is not allowed");
    expect_error(write("b.csv", "id,name\nab,A\n\"a\tb\",B\n"), "", 3, 1, "control character U+0009");
    expect_error(write("c.csv", "id,name,aliases\nx,X,\ny,\"Y\xEF\xBF\xBF\",\n"), "", 3, 2,
                 "structure 'y': name 'Y?': character U+FFFF is not allowed");
    expect_error(write("e.csv", "id,name,aliases\nx,X,\"ok|b\x1b\"\n"), "", 2, 3,
                 "structure 'x': alias 'b?': control character U+001B is not allowed");
    expect_error(write("f.csv", "id,name,note\nx,X,\"a\xEF\xBF\xBE\"\n"), "", 2, 3,
                 "structure 'x': attribute 'note': value 'a?': character U+FFFE is not allowed");
    expect_error(write("g.csv", "id,name,\"n\x7f\"\nx,X,1\n"), "", 1, 3,
                 "attribute name 'n?': control character U+007F is not allowed");
    expect_error(write("h.csv", "id,\"\xC2\x85\"\nx,1\n"), "", 1, 2, "control character U+0085");
    const auto s = write("s.csv", ok);
    expect_error(s, write("i.csv", "source,target,type\nx,y,\"t\x02\"\n"), 2, 3,
                 "link type code 't?': control character U+0002 is not allowed");
    expect_error(s, write("j.csv", "source,target,status\nx,y,ok\nx,y,\"o\nk\"\n"), 3, 3,
                 "link x -- y: status 'o?k': control character U+000A is not allowed");
    expect_error(s, write("k.csv", "source,target,note\nx,y,\"\x01\"\n"), 2, 3,
                 "link x -- y: attribute 'note': value '?'");
    try {  // the header name in the location is printable too
        read_csv(write("l.csv", "id,\"k\x01\"\nx,1\n"));
        FAIL();
    } catch (const parse_error& e) {
        EXPECT_EQ(e.column_name(), "k?");
    }
    try {  // link types file: code and attribute values
        read_csv(s, "", {.link_types = write("t.csv", "code,label\n\"c\x01\",C\n")});
        FAIL();
    } catch (const parse_error& e) {
        EXPECT_EQ(e.line(), 2u);
        EXPECT_EQ(e.column(), 1u);
        EXPECT_EQ(e.message(), "link type code 'c?': control character U+0001 is not allowed");
    }
    EXPECT_THROW(read_csv(s, "", {.link_types = write("u.csv", "code,label\nc,\"C\x01\"\n")}), parse_error);
    // XML-safe odd text is data: tab, line breaks, U+FFFD, an emoji, markup.
    const auto net =
        read_csv(write("v.csv", "id,name,note\nx,\"a\tb\r\nc\",\"\xEF\xBF\xBD \xF0\x9F\xA4\x9D <&>\"\"\"\n"));
    EXPECT_EQ(net.structure("x").name, "a\tb\r\nc");
    EXPECT_EQ(std::get<std::string>(net.structure("x").attributes.at("note")), "\xEF\xBF\xBD \xF0\x9F\xA4\x9D <&>\"");
}
