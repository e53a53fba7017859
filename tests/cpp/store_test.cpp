// Tests of coopmap/store.hpp on a small fixture whose derived links are counted by hand.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <tuple>

#include "coopmap/detail/first_repeat.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/store.hpp"

namespace fs = std::filesystem;
using namespace coopmap;

namespace {

class StoreTest : public ::testing::Test {
protected:
    fs::path dir;
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("coopmap_store_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        write("structures.csv",
              "id,name,aliases,legal_family\na,Alpha,ALPHA,association\nb,Beta,BETA,scop\n"
              "c,Gamma,,company\nd,Delta,,association\nf,Phi,,scic\n");
        write("types.csv",
              "code,label,family,directed\njp,Joint project,project,false\nsub,Subcontracting,commerce,true\n");
        write("r13.csv", "structure,status\na,complete\nb,complete\nc,partial\nd,refused\n");
        write("d13.csv",
              "declarer,partner,type,intensity,direction\n"
              "a,b,jp,2,\n"  // a-b jp, with the next line: confirmed, weight 3
              "BETA,a,jp,4,\n"
              "a,c,jp,,\n"       // c answered (partial), silent: unconfirmed
              "a,d,jp,,\n"       // d refused: partner_did_not_respond
              "a,b,sub,1,out\n"  // a->b, with the next line: confirmed
              "b,a,sub,1,in\n"
              "c,b,sub,1,\n"  // c->b, b answered, silent: unconfirmed
              "b,Nobody Inc,jp,1,\n");
        write("r14.csv", "structure,status\na,complete\nb,complete\nc,complete\nf,complete\n");
        write("d14.csv", "declarer,partner,type\na,b,jp\nb,a,jp\na,c,jp\nc,f,jp\nf,c,jp\na,b,sub\n");
    }
    void TearDown() override { fs::remove_all(dir); }
    void write(const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; }
    std::string p(const std::string& name) const { return (dir / name).string(); }

    Inventory filled() {
        Inventory inv(p("inv.db"));
        inv.import_csv(ImportFiles{p("structures.csv"), p("types.csv"), "", "", "", ""});
        inv.import_csv(ImportFiles{"", "", "", p("d13.csv"), p("r13.csv"), "2013"});
        inv.import_csv(ImportFiles{"", "", "", p("d14.csv"), p("r14.csv"), "2014"});
        return inv;
    }
};

std::set<std::tuple<std::string, std::string, std::string, std::string>> as_set(const std::vector<DerivedLink>& v) {
    std::set<std::tuple<std::string, std::string, std::string, std::string>> s;
    for (const auto& l : v) s.emplace(l.source, l.target, l.type, l.status);
    return s;
}

std::size_t count(const Inventory& inv, const std::string& table) {
    for (const auto& [t, n] : inv.counts())
        if (t == table) return n;
    return 0;
}

}  // namespace

TEST_F(StoreTest, ViewsAndStatuses) {
    auto inv = filled();
    using T = std::tuple<std::string, std::string, std::string, std::string>;
    EXPECT_EQ(as_set(inv.links("2013", View::union_)), (std::set<T>{{"a", "b", "jp", "confirmed"},
                                                                    {"a", "c", "jp", "unconfirmed"},
                                                                    {"a", "d", "jp", "partner_did_not_respond"},
                                                                    {"a", "b", "sub", "confirmed"},
                                                                    {"c", "b", "sub", "unconfirmed"}}));
    EXPECT_EQ(inv.links("2013", View::confirmed).size(), 2u);      // a-b jp, a->b sub
    EXPECT_EQ(inv.links("2013", View::reconstructed).size(), 3u);  // + a-d jp
    const auto links = inv.links("2013");
    EXPECT_DOUBLE_EQ(links.front().weight, 3.0);  // a-b jp: (2 + 4) / 2
    EXPECT_EQ(links.front().declared_by, (std::vector<std::string>{"a", "b"}));
    const auto net = inv.network("2013", View::union_);
    EXPECT_TRUE(net.directed());
    EXPECT_TRUE(net.mixed());                   // jp is two-way, sub directed
    EXPECT_EQ(net.number_of_structures(), 4u);  // a, b, c, d answered or were surveyed
    EXPECT_EQ(net.number_of_links(), 5u);       // 3 jp links (one each) + 2 sub arcs
    EXPECT_EQ(net.number_of_arcs(), 2u);
    EXPECT_FALSE(net.type_directed("jp"));
    EXPECT_TRUE(net.type_directed("sub"));
    EXPECT_EQ(std::get<std::string>(net.type_attributes("sub").at("label")), "Subcontracting");
    EXPECT_EQ(std::get<std::string>(net.type_attributes("jp").at("family")), "project");
    EXPECT_EQ(std::get<std::string>(net.structure("a").attributes.at("legal_family")), "association");
    EXPECT_THROW(inv.network("1999"), not_found);
    EXPECT_THROW(parse_view("all"), input_error);
}

// network() builds the network on two threads (named "Threads" so that the TSan stage
// runs it). Expected values by hand from the fixture (see ViewsAndStatuses): in 2013,
// the union view is mixed: each jp cooperation is one link, each sub declaration an arc.
TEST_F(StoreTest, NetworkThreadsCarryEveryField) {
    auto inv = filled();
    const auto net = inv.network("2013", View::union_);
    std::set<std::tuple<std::string, std::string, std::string, double, std::string, std::string>> got;
    for (const auto& l : net.links())
        got.emplace(net.structures()[l.source].id, net.structures()[l.target].id, net.type_name(l), l.weight,
                    net.status_name(l), std::get<std::string>(*net.link_attribute(l, "declared_by")));
    using T = std::tuple<std::string, std::string, std::string, double, std::string, std::string>;
    EXPECT_EQ(got, (std::set<T>{{"a", "b", "jp", 3.0, "confirmed", "a|b"},  // (2 + 4) / 2
                                {"a", "c", "jp", 1.0, "unconfirmed", "a"},
                                {"a", "d", "jp", 1.0, "partner_did_not_respond", "a"},
                                {"a", "b", "sub", 1.0, "confirmed", "a|b"},
                                {"c", "b", "sub", 1.0, "unconfirmed", "c"}}));
    const auto& a = net.structure("ALPHA");  // aliases come along
    EXPECT_EQ(a.id, "a");
    EXPECT_EQ(a.name, "Alpha");
    EXPECT_EQ(a.attributes,
              (Attributes{{"legal_family", std::string("association")}, {"response", std::string("complete")}}));
    EXPECT_EQ(std::get<std::string>(net.structure("d").attributes.at("response")), "refused");
    EXPECT_FALSE(net.contains("f"));  // not surveyed in 2013, no link
    // confirmed view: a-b jp (two-way) and a->b sub (an arc), one link each
    const auto conf = inv.network("2013", View::confirmed);
    EXPECT_TRUE(conf.mixed());
    EXPECT_EQ(conf.number_of_links(), 2u);
    EXPECT_EQ(conf.status_names(), (std::vector<std::string>{"", "confirmed"}));
}

TEST_F(StoreTest, CompareAndResponseRate) {
    auto inv = filled();
    const auto c = inv.compare("2013", "2014", View::union_);
    // kept: a-b jp, a-c jp, a->b sub; lost: a-d jp, c->b sub; new: c-f jp -> 3 / 6
    EXPECT_EQ(c.kept_links.size(), 3u);
    EXPECT_EQ(c.lost_links.size(), 2u);
    ASSERT_EQ(c.new_links.size(), 1u);
    EXPECT_EQ(c.new_links[0], (LinkKey{"c", "f", "jp"}));
    EXPECT_DOUBLE_EQ(c.jaccard, 0.5);
    EXPECT_EQ(c.joined, std::vector<std::string>{"f"});
    EXPECT_EQ(c.left, std::vector<std::string>{"d"});
    // a->b sub confirmed in 2013 (both ends), declared by a alone in 2014 (b answered)
    ASSERT_EQ(c.status_changed.size(), 1u);
    EXPECT_EQ(c.status_changed[0].link, (LinkKey{"a", "b", "sub"}));
    EXPECT_EQ(c.status_changed[0].before, "confirmed");
    EXPECT_EQ(c.status_changed[0].after, "unconfirmed");
    // confirmed view: a->b sub changed status, so it is not lost; union {a-b jp, a->b sub, c-f jp}
    const auto k = inv.compare("2013", "2014", View::confirmed);
    EXPECT_TRUE(k.lost_links.empty());
    EXPECT_EQ(k.kept_links, std::vector<LinkKey>{(LinkKey{"a", "b", "jp"})});
    EXPECT_EQ(k.status_changed.size(), 1u);
    EXPECT_DOUBLE_EQ(k.jaccard, 1.0 / 3.0);
    const auto r = inv.response_rate("2013");
    EXPECT_EQ(r.surveyed, 4u);
    EXPECT_DOUBLE_EQ(r.rate, 0.75);  // a, b complete + c partial out of 4
}

TEST_F(StoreTest, BadRowRollsBackAndReimportIsIdempotent) {
    auto inv = filled();
    const auto before = inv.counts();
    write("bad.csv", "declarer,partner,type,intensity\nc,d,jp,1\nc,a,jp,-1\n");
    try {
        inv.import_csv(ImportFiles{"", "", "", p("bad.csv"), "", "2015"});
        FAIL() << "expected parse_error";
    } catch (const parse_error& e) {
        EXPECT_EQ(e.line(), 3u);
        EXPECT_EQ(e.column(), 4u);
        EXPECT_EQ(e.column_name(), "intensity");
    }
    EXPECT_EQ(inv.counts(), before);
    EXPECT_EQ(inv.waves(), (std::vector<std::string>{"2013", "2014"}));
    const auto r =
        inv.import_csv(ImportFiles{p("structures.csv"), p("types.csv"), "", p("d13.csv"), p("r13.csv"), "2013"});
    EXPECT_EQ(r.added, 0u);
    EXPECT_EQ(r.updated, 0u);
    EXPECT_EQ(r.unresolved_partners.size(), 1u);  // "Nobody Inc", reported again, stored once
    EXPECT_EQ(count(inv, "declarations"), 14u);
}

// The structures file is parsed once (csv/rows.hpp read_structures keeps each record's
// line): a clash with the inventory names the record's first line, past a multi-line
// quoted name and a blank line, and its column.
TEST_F(StoreTest, StructuresClashWithTheInventoryNamesLineAndColumn) {
    auto inv = filled();
    const auto before = inv.counts();
    auto clash = [&](const std::string& text) -> parse_error {
        write("clash.csv", text);
        try {
            inv.import_csv(ImportFiles{p("clash.csv"), "", "", "", "", ""});
        } catch (const parse_error& e) {
            return e;
        }
        ADD_FAILURE() << "expected parse_error";
        return parse_error("", 0, 0, "", "");
    };
    auto e = clash("id,name,aliases\ng,\"Gamma\ntwo lines\",\n\nALPHA,Alpha again,\n");
    EXPECT_EQ(e.file(), p("clash.csv"));
    EXPECT_EQ(e.line(), 5u);
    EXPECT_EQ(e.column(), 1u);
    EXPECT_EQ(e.column_name(), "id");
    EXPECT_EQ(e.message(), "structure id 'ALPHA' is already an alias of structure 'a' in the inventory");
    e = clash("name,id,aliases\n\"Eta\nx\",h,\nKappa,k,BETA\n");
    EXPECT_EQ(e.line(), 4u);
    EXPECT_EQ(e.column(), 3u);
    EXPECT_EQ(e.column_name(), "aliases");
    EXPECT_EQ(e.message(), "alias 'BETA' is already used by structure 'b' in the inventory");
    EXPECT_EQ(inv.counts(), before);  // rolled back
}

TEST_F(StoreTest, StorageErrors) {
    write("text.db", std::string(4096, 'x'));
    EXPECT_THROW(Inventory(p("text.db")), storage_error);
    auto inv = filled();
    inv.close();
    EXPECT_THROW(inv.waves(), storage_error);
    InventoryOptions ro;
    ro.readonly = true;
    EXPECT_THROW(Inventory(p("missing.db"), ro), storage_error);
}

namespace {
std::string storage_message(const std::string& path) {
    try {
        Inventory inv(path);
    } catch (const storage_error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_F(StoreTest, ForeignFilesAreCheckedOnOpen) {
    {
        auto inv = filled();
        inv.close();  // checkpoints the WAL into the file
    }
    EXPECT_EQ(count(Inventory(p("inv.db")), "declarations"), 14u);  // an intact existing file opens
    // a hostile schema: a trigger that would wipe the structures on the next import
    fs::copy_file(p("inv.db"), p("trigger.db"));
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(p("trigger.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TRIGGER t AFTER INSERT ON waves BEGIN DELETE FROM aliases; END", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    EXPECT_NE(storage_message(p("trigger.db")).find("schema differs"), std::string::npos);
    // truncated: one page short, and a few bytes short
    const auto size = fs::file_size(p("inv.db"));
    fs::copy_file(p("inv.db"), p("short.db"));
    fs::resize_file(p("short.db"), size - 4096);
    EXPECT_NE(storage_message(p("short.db")).find("truncated"), std::string::npos) << storage_message(p("short.db"));
    fs::copy_file(p("inv.db"), p("bytes.db"));
    fs::resize_file(p("bytes.db"), size - 3);
    EXPECT_NE(storage_message(p("bytes.db")).find("truncated"), std::string::npos);
}

namespace {
/// Runs SQL on a file with a plain connection (foreign keys off, as another program would).
void sql(const std::string& path, const std::string& text) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, text.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}
/// The rows of a query, each as "a|b|c".
std::vector<std::string> rows(const std::string& path, const std::string& query) {
    sqlite3* db = nullptr;
    std::vector<std::string> out;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return out;
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, query.c_str(), -1, &q, nullptr) == SQLITE_OK)
        while (sqlite3_step(q) == SQLITE_ROW) {
            std::string r;
            for (int c = 0; c < sqlite3_column_count(q); ++c) {
                const auto* t = sqlite3_column_text(q, c);
                if (c) r += '|';
                r += t ? reinterpret_cast<const char*>(t) : "NULL";
            }
            out.push_back(r);
        }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return out;
}
}  // namespace

// Each import's new declarations are one span of ids of its wave; an import into the
// wave whose span ends just before extends it.
TEST_F(StoreTest, DeclarationSpansFollowImports) {
    auto inv = filled();  // 2013: 8 rows (ids 1-8), 2014: 6 rows (ids 9-14)
    write("d13b.csv", "declarer,partner,type\nc,d,jp\n");
    write("d14b.csv", "declarer,partner,type\nd,f,jp\nf,d,jp\n");
    inv.import_csv(ImportFiles{"", "", "", p("d13b.csv"), "", "2013"});  // id 15: a new span of 2013
    inv.import_csv(ImportFiles{"", "", "", p("d14b.csv"), "", "2014"});  // ids 16-17: 2014 again
    inv.import_csv(ImportFiles{"", "", "", p("d14b.csv"), "", "2014"});  // nothing new: no span
    EXPECT_EQ(rows(p("inv.db"),
                   "SELECT w.code, first_id, last_id FROM declaration_spans JOIN waves w ON w.id = wave "
                   "ORDER BY first_id"),
              (std::vector<std::string>{"2013|1|8", "2014|9|14", "2013|15|15", "2014|16|17"}));
    write("d14c.csv", "declarer,partner,type\nb,d,jp\n");
    inv.import_csv(ImportFiles{"", "", "", p("d14c.csv"), "", "2014"});  // id 18 extends 16-17
    EXPECT_EQ(rows(p("inv.db"), "SELECT first_id, last_id FROM declaration_spans ORDER BY first_id").back(), "16|18");
    // the 2013 network reads both of its spans: c-d (c answered partial, d refused) joins
    using T = std::tuple<std::string, std::string, std::string, std::string>;
    auto l13 = as_set(inv.links("2013", View::union_));
    EXPECT_EQ(l13.size(), 6u);
    EXPECT_TRUE(l13.count(T{"c", "d", "jp", "partner_did_not_respond"}));
    EXPECT_EQ(inv.links("2014").size(), 6u);  // a-b, a-c, c-f, d-f, b-d jp and a->b sub
}

// A version 1 file is migrated on open: its spans are its runs of consecutive ids of one
// wave. Version 1 is version 2 without declaration_spans and with an index on
// declarations(wave): a version 2 file taken back gives exactly a version 1 file.
TEST_F(StoreTest, MigratesVersion1Files) {
    const auto f = p("inv.db");
    std::set<std::tuple<std::string, std::string, std::string, std::string>> l13, l14;
    {
        auto inv = filled();  // 2013: ids 1-8, 2014: ids 9-14
        write("d13b.csv", "declarer,partner,type\nc,d,jp\n");
        inv.import_csv(ImportFiles{"", "", "", p("d13b.csv"), "", "2013"});  // id 15
        l13 = as_set(inv.links("2013"));
        l14 = as_set(inv.links("2014"));
    }
    ASSERT_EQ(l13.size(), 6u);
    sql(f,
        "DROP TABLE declaration_spans; CREATE INDEX declarations_wave ON declarations(wave); "
        "PRAGMA user_version = 1;");
    {
        Inventory inv(f);
        EXPECT_EQ(as_set(inv.links("2013")), l13);
        EXPECT_EQ(as_set(inv.links("2014")), l14);
    }
    EXPECT_EQ(rows(f, "PRAGMA user_version"), (std::vector<std::string>{std::to_string(Inventory::schema_version)}));
    EXPECT_EQ(rows(f, "SELECT wave, first_id, last_id FROM declaration_spans ORDER BY first_id"),
              (std::vector<std::string>{"1|1|8", "2|9|14", "1|15|15"}));
    EXPECT_TRUE(rows(f, "SELECT name FROM sqlite_master WHERE name = 'declarations_wave'").empty());
    EXPECT_EQ(storage_message(f), "");  // and the migrated file opens as one of ours
}

// Spans that overlap, or leave a declaration out, come from another program: refused.
TEST_F(StoreTest, DamagedDeclarationSpansAreRefused) {
    { auto inv = filled(); }
    fs::copy_file(p("inv.db"), p("overlap.db"));
    sql(p("overlap.db"), "UPDATE declaration_spans SET last_id = 9 WHERE first_id = 1");
    EXPECT_NE(storage_message(p("overlap.db")).find("declaration_spans overlap"), std::string::npos)
        << storage_message(p("overlap.db"));
    fs::copy_file(p("inv.db"), p("short.db"));
    sql(p("short.db"), "UPDATE declaration_spans SET last_id = 7 WHERE first_id = 1");
    EXPECT_NE(storage_message(p("short.db")).find("outside the declaration_spans"), std::string::npos);
    fs::copy_file(p("inv.db"), p("wrongwave.db"));
    sql(p("wrongwave.db"), "UPDATE declarations SET wave = 2 WHERE id = 3");  // a 2013 row moved into 2014
    EXPECT_NE(storage_message(p("wrongwave.db")).find("outside the declaration_spans"), std::string::npos);
    EXPECT_EQ(storage_message(p("inv.db")), "");
}

// ---- crafted files ---------------------------------------------------------------------------
// A file edited by another program (foreign keys off) can pass the open checks (schema,
// integrity_check, foreign_key_check) and still hold values coopmap never writes. Every
// value read is range-checked before it indexes memory: a storage_error names the table,
// the row and the column; memory follows the rows, not the id values.

namespace {
std::string file_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}
std::set<std::string> entries(const fs::path& d) {
    std::set<std::string> s;
    for (const auto& e : fs::directory_iterator(d)) s.insert(e.path().filename().string());
    return s;
}
/// what() of the storage_error f throws, "" when it throws none (any other exception
/// escapes: a test failure).
std::string storage_what(const std::function<void()>& f) {
    try {
        f();
    } catch (const storage_error& e) {
        return e.what();
    }
    return "";
}
/// The message names the table, the row and the column of the bad value.
::testing::AssertionResult names_cell(const std::string& m, const std::string& table, const std::string& row,
                                      const std::string& column) {
    for (const auto& part : {"table " + table, "row " + row, "column " + column})
        if (m.find(part) == std::string::npos) return ::testing::AssertionFailure() << "'" << part << "' not in: " << m;
    return ::testing::AssertionSuccess();
}
}  // namespace

// The reported crash: link type jp (id 1) renumbered -1 together with its
// declarations and attributes, foreign keys off. Every reference still matches, so the
// file passes the open checks; network() used to segfault (the id indexed an array).
// coopmap writes positive ids only (its importer keys unresolved partners by negative
// numbers): -1 is a storage_error naming table link_types, row id -1, column id, from
// every query and from an import.
TEST_F(StoreTest, CraftedNegativeLinkTypeIdIsAStorageError) {
    { auto inv = filled(); }
    sql(p("inv.db"),
        "UPDATE link_types SET id = -1 WHERE code = 'jp'; UPDATE declarations SET type = -1 WHERE type = 1; "
        "UPDATE link_type_attributes SET type = -1 WHERE type = 1;");
    Inventory inv(p("inv.db"));  // the open checks cannot see it
    const std::vector<std::function<void()>> queries = {
        [&] { (void)inv.network("2013"); },
        [&] { (void)inv.links("2013", View::confirmed); },
        [&] { (void)inv.compare("2013", "2014"); },
        [&] { (void)inv.import_csv(ImportFiles{"", "", "", p("d13.csv"), "", "2015"}); },
    };
    for (std::size_t q = 0; q < queries.size(); ++q)
        EXPECT_TRUE(names_cell(storage_what(queries[q]), "link_types", "id -1", "id")) << "query " << q;
}

// Structure c (id 3) renumbered -3 with every reference to it (declarations, responses):
// network() used to write through index -3. storage_error naming table structures, row
// id -3, column id, from the wave queries, the affiliation network and an import.
TEST_F(StoreTest, CraftedNegativeStructureIdIsAStorageError) {
    { auto inv = filled(); }
    sql(p("inv.db"),
        "UPDATE structures SET id = -3 WHERE id = 3; UPDATE declarations SET declarer = -3 WHERE declarer = 3; "
        "UPDATE declarations SET partner = -3 WHERE partner = 3; "
        "UPDATE responses SET structure = -3 WHERE structure = 3;");
    Inventory inv(p("inv.db"));
    const std::vector<std::function<void()>> queries = {
        [&] { (void)inv.network("2013"); },
        [&] { (void)inv.links("2014"); },
        [&] { (void)inv.compare("2013", "2014", View::reconstructed); },
        [&] { (void)inv.affiliation_network(); },
        [&] { (void)inv.import_csv(ImportFiles{"", "", "", p("d13.csv"), "", "2015"}); },
    };
    for (std::size_t q = 0; q < queries.size(); ++q)
        EXPECT_TRUE(names_cell(storage_what(queries[q]), "structures", "id -3", "id")) << "query " << q;
}

namespace {
/// Runs f in a child process whose address space may grow by at most `extra` bytes
/// (RLIMIT_AS over its size at the fork, read from /proc/self/statm, so that it holds
/// under ASan's reserved shadow too). True when f returned true; false when it returned
/// false, threw, could not allocate or crashed.
bool in_bounded_memory(std::size_t extra, const std::function<bool()>& f) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        unsigned long pages = 0;
        {
            std::ifstream statm("/proc/self/statm");
            statm >> pages;
        }
        const auto limit = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) + extra;
        const rlimit rl{limit, limit};
        bool ok = ::setrlimit(RLIMIT_AS, &rl) == 0;
        try {
            ok = ok && f();
        } catch (...) {
            ok = false;
        }
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
}  // namespace

// Ids near 10^9: structures, link types, waves and declarations (with declaration_spans
// and every reference) renumbered by + 10^9, foreign keys off: a consistent file, and
// valid ids. The queries must give the fixture's results (ViewsAndStatuses: the 5 links
// of 2013 with their statuses, 4 structures; CompareAndResponseRate: jaccard 3 / 6) in
// memory bounded by the rows: arrays indexed by raw ids took 4 bytes x 10^9 = 3.7 GiB
// per query. The queries run in a child process allowed 512 MiB more address space.
TEST_F(StoreTest, CraftedHugeIdsTakeMemoryOfTheRowsOnly) {
    std::set<std::tuple<std::string, std::string, std::string, std::string>> want13;
    {
        auto inv = filled();
        want13 = as_set(inv.links("2013"));
    }
    ASSERT_EQ(want13.size(), 5u);
    sql(p("inv.db"),
        "UPDATE structures SET id = id + 1000000000; UPDATE aliases SET structure = structure + 1000000000; "
        "UPDATE responses SET structure = structure + 1000000000; "
        "UPDATE declarations SET declarer = declarer + 1000000000, partner = partner + 1000000000; "
        "UPDATE link_types SET id = id + 999999990; UPDATE declarations SET type = type + 999999990; "
        "UPDATE link_type_attributes SET type = type + 999999990; "
        "UPDATE waves SET id = id + 1000000000; UPDATE responses SET wave = wave + 1000000000; "
        "UPDATE declarations SET wave = wave + 1000000000, id = id + 1000000000; "
        "UPDATE declaration_spans SET wave = wave + 1000000000, first_id = first_id + 1000000000, "
        "last_id = last_id + 1000000000;");
    ASSERT_EQ(rows(p("inv.db"), "SELECT min(id) FROM structures"), std::vector<std::string>{"1000000001"});
    EXPECT_TRUE(in_bounded_memory(std::size_t{512} << 20, [&] {
        Inventory inv(p("inv.db"));
        const auto net = inv.network("2013");
        const auto c = inv.compare("2013", "2014");
        // 2014 confirmed: a-b jp and c-f jp, each declared by both ends
        return as_set(inv.links("2013")) == want13 && net.number_of_structures() == 4 && net.number_of_links() == 5 &&
               c.jaccard == 0.5 && inv.links("2014", View::confirmed).size() == 2;
    }));
}

// A declaration whose direction is none of out, in, both ('sideways' on row 5, the
// a -> b sub declaration of 2013) used to vanish from the links silently. direction has
// no CHECK constraint, so the file passes the open checks; each query, and an import
// into the wave (which reads the stored declarations), gives a storage_error naming
// table declarations, row id 5, column direction.
TEST_F(StoreTest, CraftedUnknownDirectionIsAStorageError) {
    { auto inv = filled(); }
    sql(p("inv.db"), "UPDATE declarations SET direction = 'sideways' WHERE id = 5;");
    Inventory inv(p("inv.db"));
    const std::vector<std::function<void()>> queries = {
        [&] { (void)inv.links("2013"); },
        [&] { (void)inv.network("2013", View::confirmed); },
        [&] { (void)inv.compare("2013", "2014"); },
        [&] { (void)inv.import_csv(ImportFiles{"", "", "", p("d13.csv"), "", "2013"}); },
    };
    for (std::size_t q = 0; q < queries.size(); ++q)
        EXPECT_TRUE(names_cell(storage_what(queries[q]), "declarations", "id 5", "direction")) << "query " << q;
}

// Texts another program stored that no import accepts (TextRule in network.hpp): a
// control character in structure c's code (which would make "c\x01" and "c" one node in
// GEXF), U+FFFF in its name (not XML 1.0), a line feed in link type jp's code. Each is a
// storage_error naming the table, the row and the column, never a Network holding it.
TEST_F(StoreTest, CraftedTextIsAStorageError) {
    { auto inv = filled(); }
    const struct {
        const char* update;
        const char* table;
        const char* row;
        const char* column;
    } cases[] = {
        {"UPDATE structures SET code = 'c' || char(1) WHERE id = 3;", "structures", "id 3", "code"},
        {"UPDATE structures SET name = 'C' || char(65535) WHERE id = 3;", "structures", "id 3", "name"},
        {"UPDATE link_types SET code = 'j' || char(10) || 'p' WHERE code = 'jp';", "link_types", "id 1", "code"},
    };
    for (const auto& c : cases) {
        fs::copy_file(p("inv.db"), p("crafted.db"), fs::copy_options::overwrite_existing);
        sql(p("crafted.db"), c.update);
        Inventory inv(p("crafted.db"));
        EXPECT_TRUE(names_cell(storage_what([&] { (void)inv.network("2013"); }), c.table, c.row, c.column)) << c.update;
    }
}

// responses.status has a CHECK constraint, which integrity_check verifies on open; but
// another program may write the file while it is open, here with ignore_check_constraints:
// c's 2013 response (wave 1, structure 3) becomes 'maybe'. It used to count as a
// non-respondent (unreached in response_rate); every query now gives a storage_error
// naming table responses, row (wave 1, structure 3), column status.
TEST_F(StoreTest, CraftedUnknownResponseStatusIsAStorageError) {
    auto inv = filled();
    sql(p("inv.db"),
        "PRAGMA ignore_check_constraints = ON; "
        "UPDATE responses SET status = 'maybe' WHERE wave = 1 AND structure = 3;");
    const std::vector<std::function<void()>> queries = {
        [&] { (void)inv.links("2013"); },
        [&] { (void)inv.network("2013"); },
        [&] { (void)inv.compare("2013", "2014"); },
        [&] { (void)inv.response_rate("2013"); },
    };
    for (std::size_t q = 0; q < queries.size(); ++q)
        EXPECT_TRUE(names_cell(storage_what(queries[q]), "responses", "(wave 1, structure 3)", "status"))
            << "query " << q;
    EXPECT_EQ(inv.links("2014").size(), 4u);  // a-b, a-c, c-f jp and a->b sub: wave 2014 does not read that row
}

// A file refused on open is left exactly as it was: checked first, migrated and switched
// to WAL only once every check passed. A version 1 file in rollback-journal mode (version
// 2 taken back, as in MigratesVersion1Files) whose declaration 1 names a declarer that
// does not exist (foreign_key_check) used to be migrated to version 2 and switched to WAL
// before being refused. A version 2 file with a trigger is refused unchanged as well.
TEST_F(StoreTest, RefusedFileIsLeftByteForByte) {
    { auto inv = filled(); }
    fs::copy_file(p("inv.db"), p("v1.db"));
    sql(p("v1.db"),
        "PRAGMA journal_mode = DELETE; DROP TABLE declaration_spans; "
        "CREATE INDEX declarations_wave ON declarations(wave); PRAGMA user_version = 1; "
        "UPDATE declarations SET declarer = 99 WHERE id = 1;");
    fs::copy_file(p("inv.db"), p("trigger.db"));
    sql(p("trigger.db"),
        "PRAGMA journal_mode = DELETE; "
        "CREATE TRIGGER t AFTER INSERT ON waves BEGIN DELETE FROM aliases; END;");
    for (const auto* name : {"v1.db", "trigger.db"}) {
        const auto before = file_bytes(p(name));
        const auto files = entries(dir);
        const auto m = storage_message(p(name));
        EXPECT_NE(m, "") << name;
        EXPECT_TRUE(file_bytes(p(name)) == before) << name << " changed: " << m;
        EXPECT_EQ(entries(dir), files) << name;  // no -wal, -shm or -journal left
    }
    EXPECT_EQ(rows(p("v1.db"), "PRAGMA user_version"), std::vector<std::string>{"1"});
}

// readonly = true on media where the -wal and -shm files cannot be created: the file is
// read through SQLite's immutable mode, and nothing is created. The test runs as root,
// for whom a read-only directory is writable, so the read-only media is simulated by
// directories standing where SQLite creates the -wal and -shm files: creating them fails
// as on a read-only file system (SQLITE_CANTOPEN), which used to make every read fail.
// When not root, a read-only directory (0555) is tried as well. A read-only file (0444)
// opens with readonly = true too. (In a writable directory readonly = true lets SQLite
// create the -wal and -shm files, as every WAL reader does: it then sees the commits of
// a writer in another process, which immutable mode cannot.)
TEST_F(StoreTest, ReadonlyOpensWhereNoWalCanBeCreated) {
    { auto inv = filled(); }
    ASSERT_FALSE(fs::exists(p("inv.db-wal")));  // checkpointed and removed on close
    InventoryOptions ro;
    ro.readonly = true;
    auto read_only_use = [&](const std::string& path) {
        Inventory inv(path, ro);
        EXPECT_EQ(inv.links("2013").size(), 5u);                    // ViewsAndStatuses
        EXPECT_EQ(inv.network("2014").number_of_structures(), 4u);  // a, b, c, f
        EXPECT_NE(storage_what([&] { (void)inv.import_csv(ImportFiles{p("structures.csv"), "", "", "", "", ""}); }),
                  "");
    };
    fs::create_directory(p("inv.db-wal"));
    fs::create_directory(p("inv.db-shm"));
    auto files = entries(dir);
    read_only_use(p("inv.db"));
    EXPECT_EQ(entries(dir), files);
    fs::remove(p("inv.db-wal"));
    fs::remove(p("inv.db-shm"));
    if (::geteuid() != 0) {
        fs::create_directory(dir / "media");
        fs::copy_file(p("inv.db"), dir / "media" / "inv.db");
        fs::permissions(dir / "media", fs::perms::owner_read | fs::perms::owner_exec);
        files = entries(dir / "media");
        read_only_use((dir / "media" / "inv.db").string());
        EXPECT_EQ(entries(dir / "media"), files);
        fs::permissions(dir / "media", fs::perms::owner_all);
    }
    fs::permissions(p("inv.db"), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    read_only_use(p("inv.db"));
    fs::permissions(p("inv.db"), fs::perms::owner_read | fs::perms::owner_write);
}

// Four processes create the same new inventory at once (released together by a pipe):
// creating the schema and switching to WAL wait on busy_timeout_ms like every write, so
// all four succeed, each importing the same structures (an upsert: 5 structures in the
// end). They used to fail at once with "database is locked" (in about one round of
// eight) or see a half-created file; 40 rounds, each on a new path.
TEST_F(StoreTest, ConcurrentCreationWaitsForTheLock) {
    for (int round = 0; round < 40; ++round) {
        const auto path = p("new" + std::to_string(round) + ".db");
        int go[2];
        ASSERT_EQ(::pipe(go), 0);
        std::vector<pid_t> kids;
        for (int k = 0; k < 4; ++k) {
            const pid_t pid = ::fork();
            if (pid == 0) {
                ::close(go[1]);
                char c;
                const auto got = ::read(go[0], &c, 1);  // 0 (end of file) when the parent closes its end
                int rc = got == 0 ? 0 : 2;
                try {
                    Inventory inv(path);
                    inv.import_csv(ImportFiles{p("structures.csv"), "", "", "", "", ""});
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "round %d, process %d: %s\n", round, k, e.what());
                    rc = 1;
                }
                ::_exit(rc);
            }
            ASSERT_GT(pid, 0);
            kids.push_back(pid);
        }
        ::close(go[0]);
        ::close(go[1]);
        for (const auto pid : kids) {
            int status = 0;
            ASSERT_EQ(::waitpid(pid, &status, 0), pid);
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
        }
        Inventory inv(path);
        EXPECT_EQ(count(inv, "structures"), 5u);
        EXPECT_EQ(rows(path, "PRAGMA journal_mode"), std::vector<std::string>{"wal"});
    }
}

TEST_F(StoreTest, AffiliationProjection) {
    write("aff.csv", "structure,group,role\na,g1,member\nb,g1,member\nc,g1,member\nb,g2,lead\nc,g2,member\nd,g3,x\n");
    Inventory inv(p("inv.db"));
    inv.import_csv(ImportFiles{p("structures.csv"), "", p("aff.csv"), "", "", ""});
    const auto bip = inv.affiliation_network();
    EXPECT_EQ(bip.number_of_structures(), 7u);  // a b c d + g1 g2 g3
    EXPECT_EQ(bip.number_of_links(), 6u);
    const auto w = inv.affiliation_projection({}, true);
    // g1 gives a-b, a-c, b-c; g2 gives b-c again -> b-c weight 2; d shares nothing
    ASSERT_EQ(w.number_of_links(), 3u);
    for (const auto& l : w.links()) {
        const bool bc = w.structure(l.source).id == "b" && w.structure(l.target).id == "c";
        EXPECT_DOUBLE_EQ(l.weight, bc ? 2.0 : 1.0);
    }
    EXPECT_EQ(w.number_of_structures(), 4u);
}

// Rows are inserted 64 at a time by statements naming only the columns their group
// fills: a file whose rows fill different optional fields (row k fills field j when bit j
// of k is set, over 300 rows: every group mixes patterns, and the last 44 rows go one
// by one) must store exactly each row's fields, NULL elsewhere, and re-import unchanged.
TEST_F(StoreTest, ImportStoresEachRowsOwnFields) {
    auto inv = filled();
    const int n = 300;
    std::string csv = "declarer,partner,type,intensity,direction,frequency,start,end,source,comment\n";
    std::vector<std::vector<std::string>> want;  // per row: declarer_text .. comment, "NULL" when absent
    for (int k = 0; k < n; ++k) {
        auto on = [k](int bit) { return (k >> bit & 1) != 0; };
        const std::string declarer = on(0) ? "ALPHA" : "a";                      // alias: declarer_text stored
        const std::string partner = std::string("P").append(std::to_string(k));  // free text: partner_text stored
        const std::string type = on(1) ? "sub" : "jp";
        const std::string intensity = on(2) ? std::to_string(1 + k % 5) : "";
        const std::string direction = on(1) && on(3) ? "in" : "";
        const std::string frequency = on(4) ? "monthly" : "";
        std::string start = on(5) ? "2012-0" : "";
        if (on(5)) start += std::to_string(1 + k % 9);
        const std::string end = on(6) ? "2015" : "";
        const std::string source = on(7) ? "survey; \"quoted\"" : "";
        std::string comment;
        if (on(8)) comment.append("<b>").append(std::to_string(k)).append("</b>");
        csv += declarer + "," + partner + "," + type + "," + intensity + "," + direction + "," + frequency + "," +
               start + "," + end + "," + (source.empty() ? "" : "\"survey; \"\"quoted\"\"\"") + "," + comment + "\n";
        auto v = [](const std::string& x) { return x.empty() ? std::string("NULL") : x; };
        want.push_back({on(0) ? "ALPHA" : "NULL", partner, v(direction), intensity.empty() ? "NULL" : intensity + ".0",
                        v(frequency), v(start), v(end), v(source), v(comment)});
    }
    write("mixed.csv", csv);
    const auto r = inv.import_csv(ImportFiles{"", "", "", p("mixed.csv"), "", "2016"});
    EXPECT_EQ(r.unresolved_partners.size(), static_cast<std::size_t>(n));
    inv.close();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(p("inv.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db,
                           "SELECT declarer_text, partner_text, direction, intensity, frequency, start_date, end_date, "
                           "source, comment, partner IS NULL FROM declarations WHERE wave = "
                           "(SELECT id FROM waves WHERE code = '2016') ORDER BY id",
                           -1, &q, nullptr),
        SQLITE_OK);
    int k = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        std::vector<std::string> got;
        for (int c = 0; c < 9; ++c)
            got.push_back(sqlite3_column_type(q, c) == SQLITE_NULL ? "NULL"
                          : c == 3 ? format_double(sqlite3_column_double(q, c))
                                   : reinterpret_cast<const char*>(sqlite3_column_text(q, c)));
        ASSERT_LT(k, n);
        EXPECT_EQ(got, want[static_cast<std::size_t>(k)]) << "row " << k;
        EXPECT_EQ(sqlite3_column_int(q, 9), 1);
        ++k;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    EXPECT_EQ(k, n);
    Inventory again(p("inv.db"));
    const auto r2 = again.import_csv(ImportFiles{"", "", "", p("mixed.csv"), "", "2016"});
    for (const auto& c : r2.counts)
        if (c.table == "declarations") {
            EXPECT_EQ(c.added, 0u);
            EXPECT_EQ(c.updated, 0u);
            EXPECT_EQ(c.unchanged, static_cast<std::size_t>(n));
        }
}

// A file of several thousand rows is parsed by a worker thread while this thread writes
// the earlier batches (1,024 rows each): a bad row near the end, or a duplicate of an
// early row, must still roll everything back, and the good file must be stored whole.
// (Named "Threads" so that the TSan stage runs it.)
TEST_F(StoreTest, ImportThreadsLateErrorsRollBackWholeBatches) {
    auto inv = filled();
    const auto before = inv.counts();
    const int n = 5000;
    auto rows = [&](int bad_line) {  // line 1 is the header; row k (0-based) is on line k + 2
        std::string s = "declarer,partner,type,intensity\n";
        for (int k = 0; k < n; ++k) {
            const int line = k + 2;
            if (line == bad_line) s += "a,Partner 7,jp,1\n";  // repeats line 9 (k = 7)
            else
                s += std::string(k % 2 ? "a" : "BETA") + ",Partner " + std::to_string(k) + ",jp," +
                     std::to_string(1 + k % 3) + "\n";
        }
        return s;
    };
    write("big_dup.csv", rows(4990));
    try {
        inv.import_csv(ImportFiles{"", "", "", p("big_dup.csv"), "", "2015"});
        FAIL() << "expected a duplicate error";
    } catch (const parse_error& e) {
        EXPECT_EQ(e.line(), 4990u);
        EXPECT_NE(std::string(e.what()).find("as line 9"), std::string::npos) << e.what();
    }
    write("big_bad.csv", rows(0) + "a,Partner x,jp,zero\n");  // line n + 2
    try {
        inv.import_csv(ImportFiles{"", "", "", p("big_bad.csv"), "", "2015"});
        FAIL() << "expected a bad intensity";
    } catch (const parse_error& e) {
        EXPECT_EQ(e.line(), static_cast<std::size_t>(n + 2));
        EXPECT_EQ(e.column_name(), "intensity");
    }
    EXPECT_EQ(inv.counts(), before);
    write("big.csv", rows(0));
    auto r = inv.import_csv(ImportFiles{"", "", "", p("big.csv"), "", "2015"});
    EXPECT_EQ(r.added, static_cast<std::size_t>(n));
    EXPECT_EQ(r.unresolved_partners.size(), static_cast<std::size_t>(n));
    EXPECT_EQ(r.unresolved_partners[4321].line, 4323u);
    EXPECT_EQ(count(inv, "declarations"), 14u + n);
    // Re-import with one intensity changed (row k = 3000: "BETA,Partner 3000,jp,1" -> 3):
    // one update, the rest unchanged.
    auto text = rows(0);
    const std::string from = "BETA,Partner 3000,jp,1\n";
    text.replace(text.find(from), from.size(), "BETA,Partner 3000,jp,3\n");
    write("big2.csv", text);
    r = inv.import_csv(ImportFiles{"", "", "", p("big2.csv"), "", "2015"});
    EXPECT_EQ(r.added, 0u);
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(count(inv, "declarations"), 14u + n);
}

// detail::first_repeat (the importer's duplicate check) against the brute-force
// definition: the smallest j with keys[j] == keys[i] for some i < j, and that i.
TEST(FirstRepeat, MatchesBruteForceEvenWhenHashesCollide) {
    auto brute = [](const std::vector<int>& k) -> std::pair<std::size_t, std::size_t> {
        for (std::size_t j = 0; j < k.size(); ++j)
            for (std::size_t i = 0; i < j; ++i)
                if (k[i] == k[j]) return {j, i};
        return {static_cast<std::size_t>(-1), static_cast<std::size_t>(-1)};
    };
    detail::Rng rng(11);
    for (int round = 0; round < 60; ++round) {
        const std::size_t n = rng.below(300);
        const int range = 1 + static_cast<int>(rng.below(4 * n + 2));  // from many repeats to none
        std::vector<int> keys(n);
        for (auto& x : keys) x = static_cast<int>(rng.below(static_cast<std::uint64_t>(range)));
        const auto want = brute(keys);
        EXPECT_EQ(detail::first_repeat(keys, [](int x) { return std::uint64_t(x) * 0x9E3779B97F4A7C15ULL; }), want);
        EXPECT_EQ(detail::first_repeat(keys, [](int x) { return std::uint64_t(x % 7); }), want);  // collisions
        EXPECT_EQ(detail::first_repeat(keys, [](int) { return std::uint64_t{1} << 40; }), want);  // one hash
    }
    EXPECT_EQ(detail::first_repeat(std::vector<int>{5, 3, 9, 3, 5}, [](int x) { return std::uint64_t(x); }),
              (std::pair<std::size_t, std::size_t>{3, 1}));  // 3 repeats at 3 before 5 does at 4
}

// The roster holds the fixture's 5 structures (f takes part in 2014 only), with their
// aliases and legal families, and no link.
TEST_F(StoreTest, RosterListsEveryStructureWithoutLinks) {
    auto inv = filled();
    const auto r = inv.roster();
    ASSERT_EQ(r.number_of_structures(), 5u);
    EXPECT_EQ(r.number_of_links(), 0u);
    std::vector<std::string> ids;
    for (const auto& s : r.structures()) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "d", "f"}));
    EXPECT_EQ(r.structure("b").aliases, (std::vector<std::string>{"BETA"}));
    EXPECT_EQ(std::get<std::string>(r.structure("f").attributes.at("legal_family")), "scic");
    EXPECT_EQ(r.structure("a").attributes.count("response"), 0u);  // no wave's status
    EXPECT_TRUE(r.type_directed("sub"));
    EXPECT_EQ(std::get<std::string>(r.type_attributes("jp").at("label")), "Joint project");
    EXPECT_EQ(Inventory(p("empty.db")).roster().number_of_structures(), 0u);
}
