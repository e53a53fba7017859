// libFuzzer target for the Inventory import (coopmap/store.hpp).
//
// Input: up to five CSV files separated by NUL bytes, in this order: structures, link
// types, affiliations, declarations, responses (an empty part skips that file). They
// are written to a temporary directory and imported with wave "w1" into a fresh
// database that already holds a small base inventory (structures a, b, c; link types
// jp, sub; wave w0).
// Property 1: import_csv and the queries on the new wave (links in the three views,
//   network, response_rate, compare with w0, affiliation networks) either succeed or
//   throw coopmap::error; any other exception, a crash, a hang or a sanitizer report
//   is a finding.
// Property 2: a rejected import leaves every table exactly as before.
// Property 3: an accepted import imported a second time succeeds and changes nothing.
//
// Crafted values: what follows a fifth NUL byte drives edits of the resulting
// database (a valid file: the base, plus the import when accepted) through a plain
// SQLite connection with foreign keys off, as another program could make them. Its first
// byte holds flags: 1 edit while an Inventory has the file open (the values then reach
// the queries, past the open checks), else before opening it; 2 ignore_check_constraints;
// 4 take the file back to schema version 1 first; 8 rollback-journal mode first; 16 set
// user_version to (byte >> 5) - 2. Then each group of four bytes is one
// `UPDATE <table> SET <column> = <value> [WHERE <one row>]` (at most 8): byte 1 picks the
// column among every column of every table (ids and references included), byte 2 the
// kind of value (NULL, 0, negative, near 10^9, near +-2^63, above 2^32, a fraction, +-inf,
// unknown words such as 'sideways' or 'maybe', numeric and non-numeric text in integer
// columns, empty text, blobs, invalid UTF-8, control characters, U+FFFF and C1 controls
// (texts no import accepts: TextRule in network.hpp), the schema's words in the wrong place, bad
// dates, the column shifted or negated), byte 3 its magnitude, byte 4 the row (255: all).
// Property 4: every query (links in the three views, network, compare, response_rate,
//   affiliation networks, counts, link types) and an import of the same files either
//   succeed or throw coopmap::error; anything else is a finding.
// Property 5: a file refused on open is left byte for byte as it was.
// Run: scripts/fuzz.sh inventory SECONDS (builds build/fuzz with clang; see the README).
#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopmap/store.hpp"

namespace {

namespace fs = std::filesystem;

[[noreturn]] void finding(const std::string& what) {
    std::fprintf(stderr, "fuzz_inventory finding: %s\n", what.c_str());
    std::abort();
}

const fs::path& workdir() {
    static const fs::path dir = [] {
        // tmpfs when there is one: SQLite's fsyncs cost nothing there (10x more executions)
        std::error_code ec;
        const fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
        auto d = base / ("coopmap_fuzz_inventory_" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

void write_file(const fs::path& p, std::string_view text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void remove_db(const fs::path& db) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix, ec);
}

/// Every row of every table, as text, through a separate connection.
std::string dump(const fs::path& db) {
    sqlite3* c = nullptr;
    std::string out;
    if (sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) finding("cannot reopen the db");
    std::vector<std::string> tables;
    {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
    }
    for (const auto& t : tables) {
        out += "[" + t + "]\n";
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(c, ("SELECT * FROM \"" + t + "\"").c_str(), -1, &s, nullptr) != SQLITE_OK)
            finding("cannot read table " + t);
        std::vector<std::string> rows;
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(s); ++i) {
                const int type = sqlite3_column_type(s, i);
                row += std::to_string(type) + ":";
                if (type != SQLITE_NULL) {
                    const auto* b = static_cast<const char*>(sqlite3_column_blob(s, i));
                    row.append(b ? b : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
                }
                row += '\x1f';
            }
            rows.push_back(std::move(row));
        }
        sqlite3_finalize(s);
        for (const auto& r : rows) out += r + "\n";  // rowid / primary key order of the scan
    }
    sqlite3_close_v2(c);
    return out;
}

/// The base inventory, written once and copied before every execution: a row or more in
/// every table, attributes of every kind, dates, directions, an unresolved partner.
fs::path make_base() {
    const auto db = workdir() / "base.db";
    remove_db(db);
    write_file(workdir() / "bs.csv",
               "id,name,aliases,group,size,ratio,member,siren\na,Alpha,AA,g1,3,0.5,true,123456789\n"
               "b,Beta,,g2,4,1.5,false,\nc,Gamma,CC|C3,,5,nan,,\n");
    write_file(workdir() / "bt.csv",
               "code,label,family,directed,label_fr\njp,Joint,project,false,Projet\nsub,Sub,,true,Sous\n");
    write_file(workdir() / "ba.csv",
               "structure,group,role,start,end\na,g1,member,2010,\nb,g1,lead,2011,2015\nc,g2,member,,\n");
    write_file(workdir() / "bd.csv",
               "declarer,partner,type,intensity,direction,start,end\na,b,jp,2,,2010,\nb,a,jp,1,,,2014\n"
               "c,a,sub,3,in,,\na,c,sub,1,both,2012-01,2013\nb,Nobody,jp,,,,\n");
    write_file(workdir() / "br.csv", "structure,status\na,complete\nb,partial\nc,refused\n");
    coopmap::Inventory inv(db.string());
    inv.import_csv({(workdir() / "bs.csv").string(), (workdir() / "bt.csv").string(), (workdir() / "ba.csv").string(),
                    (workdir() / "bd.csv").string(), (workdir() / "br.csv").string(), "w0"});
    inv.close();  // checkpoints the WAL: the file alone holds everything
    return db;
}

void query_everything(const coopmap::Inventory& inv) {
    using coopmap::View;
    for (const auto& wave : inv.waves()) {
        for (View v : {View::union_, View::confirmed, View::reconstructed}) {
            try {
                (void)inv.links(wave, v);
                (void)inv.network(wave, v);
                (void)inv.compare("w0", wave, v);
            } catch (const coopmap::error&) {}
        }
        try {
            (void)inv.response_rate(wave);
        } catch (const coopmap::error&) {}
    }
    try {
        (void)inv.affiliation_network();
        (void)inv.affiliation_projection({}, true);
    } catch (const coopmap::error&) {}
    (void)inv.counts();
    (void)inv.link_types();
}

std::string file_bytes(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

/// A column to edit, with the key naming one row of its table.
struct Target {
    const char* table;
    const char* column;
    const char* key;
};
constexpr Target kTargets[] = {
    {"structures", "id", "rowid"},
    {"structures", "code", "rowid"},
    {"structures", "name", "rowid"},
    {"structures", "siren", "rowid"},
    {"structures", "legal_family", "rowid"},
    {"aliases", "id", "rowid"},
    {"aliases", "alias", "rowid"},
    {"aliases", "structure", "rowid"},
    {"structure_attributes", "structure", "structure, name"},
    {"structure_attributes", "name", "structure, name"},
    {"structure_attributes", "kind", "structure, name"},
    {"structure_attributes", "value", "structure, name"},
    {"groups", "id", "rowid"},
    {"groups", "code", "rowid"},
    {"affiliations", "id", "rowid"},
    {"affiliations", "structure", "rowid"},
    {"affiliations", "grp", "rowid"},
    {"affiliations", "role", "rowid"},
    {"affiliations", "start_date", "rowid"},
    {"affiliations", "end_date", "rowid"},
    {"link_types", "id", "rowid"},
    {"link_types", "code", "rowid"},
    {"link_types", "label", "rowid"},
    {"link_types", "directed", "rowid"},
    {"link_type_attributes", "type", "type, name"},
    {"link_type_attributes", "name", "type, name"},
    {"link_type_attributes", "value", "type, name"},
    {"waves", "id", "rowid"},
    {"waves", "code", "rowid"},
    {"responses", "wave", "wave, structure"},
    {"responses", "structure", "wave, structure"},
    {"responses", "status", "wave, structure"},
    {"declarations", "id", "rowid"},
    {"declarations", "wave", "rowid"},
    {"declarations", "declarer", "rowid"},
    {"declarations", "declarer_text", "rowid"},
    {"declarations", "partner", "rowid"},
    {"declarations", "partner_text", "rowid"},
    {"declarations", "type", "rowid"},
    {"declarations", "direction", "rowid"},
    {"declarations", "intensity", "rowid"},
    {"declarations", "start_date", "rowid"},
    {"declarations", "end_date", "rowid"},
    {"declarations", "comment", "rowid"},
    {"declaration_spans", "wave", "wave, first_id"},
    {"declaration_spans", "first_id", "wave, first_id"},
    {"declaration_spans", "last_id", "wave, first_id"},
};
constexpr std::size_t kTargetCount = sizeof kTargets / sizeof kTargets[0];

/// Binds a value of kind `kind` (magnitude `arg`) as parameter 1 (kind 18: the shift of
/// `SET c = c + ?1`).
void bind_value(sqlite3_stmt* s, std::uint8_t kind, std::uint8_t arg) {
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    constexpr auto i64min = std::numeric_limits<std::int64_t>::min();
    static const char* const words[] = {"out",  "in",  "both",  "complete", "partial", "refused", "unreached",
                                        "bool", "int", "float", "str",      "jp",      "w0",      "a"};
    static const char* const dates[] = {"2013-13-45", "9999", "2013-02-30", "0000-00-00", "2013", "2013-1-1", "-2013"};
    auto text = [s](const std::string& t) {
        sqlite3_bind_text(s, 1, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    };
    switch (kind % 20) {
        case 0: sqlite3_bind_null(s, 1); break;
        case 1: sqlite3_bind_int64(s, 1, 0); break;
        case 2: sqlite3_bind_int64(s, 1, -1 - std::int64_t{arg}); break;
        case 3: sqlite3_bind_int64(s, 1, 1000000000 + std::int64_t{arg}); break;
        case 4: sqlite3_bind_int64(s, 1, i64max - arg); break;
        case 5: sqlite3_bind_int64(s, 1, i64min + arg); break;
        case 6: sqlite3_bind_int64(s, 1, arg); break;
        case 7: sqlite3_bind_int64(s, 1, (std::int64_t{1} << 32) + arg); break;
        case 8: sqlite3_bind_double(s, 1, arg + 0.5); break;
        case 9: sqlite3_bind_double(s, 1, (arg & 1 ? -1 : 1) * std::numeric_limits<double>::infinity()); break;
        case 10: text(arg & 1 ? "sideways" : "maybe"); break;
        case 11: text(std::to_string(arg) + "x"); break;
        case 12: text(std::to_string(arg)); break;
        case 13: text(""); break;
        case 14: {
            const unsigned char blob[] = {0xff, 0x00, arg};
            sqlite3_bind_blob(s, 1, blob, sizeof blob, SQLITE_TRANSIENT);
            break;
        }
        case 15:  // text no import accepts: invalid UTF-8, a control character, U+FFFF, a C1 control
            if (arg % 4 == 0) text(std::string("\xff\xfe") + static_cast<char>(arg));
            else if (arg % 4 == 1) text(std::string("a") + static_cast<char>(arg % 32) + "b");
            else if (arg % 4 == 2) text("a\xef\xbf\xbf");
            else text("a\xc2\x85");
            break;
        case 16: text(words[arg % std::size(words)]); break;
        case 17: text(dates[arg % std::size(dates)]); break;
        case 18:
            sqlite3_bind_int64(s, 1, arg % 2 ? std::int64_t{arg} : -std::int64_t{arg});
            break;  // with SET c = c + ?
        default: sqlite3_bind_double(s, 1, arg * 1e300); break;
    }
}

/// Applies the edits described by `m` (see the header) to the database at `db` through
/// a plain connection; the Inventory, when given, has the file open meanwhile.
void apply_edits(const fs::path& db, std::uint8_t flags, std::string_view m) {
    sqlite3* c = nullptr;
    if (sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(c);
        return;
    }
    sqlite3_busy_timeout(c, 1000);
    sqlite3_exec(c, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr);
    if (flags & 2) sqlite3_exec(c, "PRAGMA ignore_check_constraints = ON", nullptr, nullptr, nullptr);
    if (!(flags & 1)) {
        if (flags & 4)
            sqlite3_exec(c,
                         "DROP TABLE declaration_spans; CREATE INDEX declarations_wave ON declarations(wave); "
                         "PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr);
        if (flags & 8) sqlite3_exec(c, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
        if (flags & 16)
            sqlite3_exec(c, ("PRAGMA user_version = " + std::to_string((flags >> 5) - 2)).c_str(), nullptr, nullptr,
                         nullptr);
    }
    for (std::size_t k = 0; k + 4 <= m.size() && k < 32; k += 4) {
        const auto& t = kTargets[static_cast<std::uint8_t>(m[k]) % kTargetCount];
        const auto kind = static_cast<std::uint8_t>(m[k + 1]);
        const auto arg = static_cast<std::uint8_t>(m[k + 2]);
        const auto row = static_cast<std::uint8_t>(m[k + 3]);
        const std::string column = t.column;
        std::string value = "?1";
        if (kind % 20 == 18) value = column + " + ?1";
        if (kind % 20 == 19 && arg % 4 == 0) value = "-" + column;
        std::string sql = std::string("UPDATE ") + t.table + " SET " + column + " = " + value;
        if (row != 255)
            sql += std::string(" WHERE (") + t.key + ") IN (SELECT " + t.key + " FROM " + t.table + " ORDER BY " +
                   t.key + " LIMIT 1 OFFSET " + std::to_string(row % 8) + ")";
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(c, sql.c_str(), -1, &s, nullptr) == SQLITE_OK) {
            if (value.find("?1") != std::string::npos) bind_value(s, kind, arg);
            (void)sqlite3_step(s);  // a UNIQUE, NOT NULL or CHECK failure leaves that row as it was
        }
        sqlite3_finalize(s);
    }
    sqlite3_close_v2(c);
}

void query_crafted(coopmap::Inventory& inv, const coopmap::ImportFiles& files) {
    try {
        query_everything(inv);
    } catch (const coopmap::error&) {}
    try {
        (void)inv.import_csv(files);  // reads the stored names, types and declarations
    } catch (const coopmap::error&) {}
}

/// Property 4 and 5 on the database at `db` (a valid file), edited as `m` says.
void crafted(const fs::path& db, std::string_view m, const coopmap::ImportFiles& files) {
    const auto flags = static_cast<std::uint8_t>(m[0]);
    m.remove_prefix(1);
    if (flags & 1) {  // edited while open: the values reach the queries past the open checks
        std::optional<coopmap::Inventory> inv;
        try {
            inv.emplace(db.string());
        } catch (const coopmap::error&) {
            return;
        }
        apply_edits(db, flags, m);
        query_crafted(*inv, files);
        return;
    }
    apply_edits(db, flags, m);
    const auto before = file_bytes(db);
    std::optional<coopmap::Inventory> inv;
    try {
        inv.emplace(db.string());
    } catch (const coopmap::error&) {
        inv.reset();
        if (file_bytes(db) != before) finding("a file refused on open was changed");
        return;
    }
    query_crafted(*inv, files);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> parts;  // five CSV files, then the edits (see the header)
    for (std::size_t start = 0; parts.size() < 6;) {
        const auto nul = in.find('\0', start);
        if (nul == std::string_view::npos || parts.size() == 5) {
            parts.push_back(in.substr(start));
            break;
        }
        parts.push_back(in.substr(start, nul - start));
        start = nul + 1;
    }
    parts.resize(6);
    const char* names[] = {"structures.csv", "link_types.csv", "affiliations.csv", "declarations.csv", "responses.csv"};
    std::string paths[5];
    for (int i = 0; i < 5; ++i) {
        if (parts[static_cast<std::size_t>(i)].empty()) continue;
        paths[i] = (workdir() / names[i]).string();
        write_file(paths[i], parts[static_cast<std::size_t>(i)]);
    }
    const auto db = workdir() / "inv.db";
    remove_db(db);
    static const fs::path base = make_base();
    const coopmap::ImportFiles files{paths[0], paths[1], paths[2],
                                     paths[3], paths[4], (paths[3].empty() && paths[4].empty()) ? "" : "w1"};
    try {
        fs::copy_file(base, db, fs::copy_options::overwrite_existing);
        coopmap::Inventory inv(db.string());  // an existing file: checked on open
        const std::string before = dump(db);
        bool accepted = false;
        try {
            (void)inv.import_csv(files);
            accepted = true;
        } catch (const coopmap::error&) {
            if (dump(db) != before) finding("a rejected import changed the database");
        }
        if (accepted) {
            const std::string after = dump(db);
            try {
                (void)inv.import_csv(files);
            } catch (const coopmap::error& e) {
                finding(std::string("re-importing an accepted input failed: ") + e.what());
            }
            if (dump(db) != after) finding("re-importing an accepted input changed the database");
        }
        query_everything(inv);
    } catch (const coopmap::error&) {}
    if (!parts[5].empty()) crafted(db, parts[5], files);
    remove_db(db);
    return 0;
}
