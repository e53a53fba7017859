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
// Run: scripts/fuzz.sh inventory SECONDS (builds build/fuzz with clang; see the README).
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
        while (sqlite3_step(s) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
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

/// The base inventory, written once and copied before every execution.
fs::path make_base() {
    const auto db = workdir() / "base.db";
    remove_db(db);
    write_file(workdir() / "bs.csv", "id,name,aliases,group\na,Alpha,AA,g1\nb,Beta,,g2\nc,Gamma,CC|C3,\n");
    write_file(workdir() / "bt.csv", "code,label,directed\njp,Joint,false\nsub,Sub,true\n");
    write_file(workdir() / "bd.csv", "declarer,partner,type,intensity\na,b,jp,2\nb,a,jp,1\nc,a,sub,3\n");
    write_file(workdir() / "br.csv", "structure,status\na,complete\nb,partial\n");
    coopmap::Inventory inv(db.string());
    inv.import_csv({(workdir() / "bs.csv").string(), (workdir() / "bt.csv").string(), "",
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
            } catch (const coopmap::error&) {
            }
        }
        try {
            (void)inv.response_rate(wave);
        } catch (const coopmap::error&) {
        }
    }
    try {
        (void)inv.affiliation_network();
        (void)inv.affiliation_projection({}, true);
    } catch (const coopmap::error&) {
    }
    (void)inv.counts();
    (void)inv.link_types();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> parts;
    for (std::size_t start = 0; parts.size() < 5;) {
        const auto nul = in.find('\0', start);
        if (nul == std::string_view::npos || parts.size() == 4) {
            parts.push_back(in.substr(start));
            break;
        }
        parts.push_back(in.substr(start, nul - start));
        start = nul + 1;
    }
    parts.resize(5);
    const char* names[] = {"structures.csv", "link_types.csv", "affiliations.csv", "declarations.csv",
                           "responses.csv"};
    std::string paths[5];
    for (int i = 0; i < 5; ++i) {
        if (parts[static_cast<std::size_t>(i)].empty()) continue;
        paths[i] = (workdir() / names[i]).string();
        write_file(paths[i], parts[static_cast<std::size_t>(i)]);
    }
    const auto db = workdir() / "inv.db";
    remove_db(db);
    static const fs::path base = make_base();
    const coopmap::ImportFiles files{paths[0], paths[1], paths[2], paths[3], paths[4],
                                     (paths[3].empty() && paths[4].empty()) ? "" : "w1"};
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
    } catch (const coopmap::error&) {
    }
    remove_db(db);
    return 0;
}
