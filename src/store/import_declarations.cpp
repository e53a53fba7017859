// The declarations importer: a wave's declarations file, parsed by a worker thread while this one writes.
#include <bit>
#include <cmath>
#include <exception>
#include <thread>
#include <unordered_map>

#include "coopmap/detail/first_repeat.hpp"
#include "csv/rows.hpp"
#include "csv/values.hpp"
#include "store/handoff.hpp"
#include "store/impl.hpp"

namespace coopmap {

namespace {

/// Key of a declaration within a wave.
struct DeclKey {
    std::int64_t declarer;
    std::int64_t partner;  // structure rowid (> 0), or -(unresolved text number)
    std::int64_t type;
    std::uint8_t dir;  // effective direction: none for undirected types, out when not given
    friend bool operator==(const DeclKey&, const DeclKey&) = default;
};
struct DeclKeyHash {
    std::size_t operator()(const DeclKey& k) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(k.declarer) * 0x9E3779B97F4A7C15ULL;
        h ^= static_cast<std::uint64_t>(k.partner) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
        h ^= static_cast<std::uint64_t>(k.type) * 0xC2B2AE3D27D4EB4FULL + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h ^ k.dir);
    }
};

/// Stored fields of a declaration besides its key.
struct DeclFields {
    std::optional<std::string> declarer_text, partner_text, direction;
    std::optional<double> intensity;
    std::optional<std::string> frequency, start, end, source, comment;
    friend bool operator==(const DeclFields&, const DeclFields&) = default;
};

}  // namespace

/// Records that ids first .. first + n - 1 of declarations are rows of wave, as one
/// more span or by extending the wave's span that ends just before.
void Inventory::Impl::record_span(std::int64_t wave, std::int64_t first, std::size_t n) const {
    const auto last = first + static_cast<std::int64_t>(n) - 1;
    // The n new rows got ids above the old largest (first - 1); the largest now being
    // first + n - 1, they are exactly first .. last. (SQLite's rule while the largest
    // id is below 2^63 - 1; then it picks free ids at random, which no import reaches.)
    if (pragma_int("SELECT max(id) FROM declarations") != last)
        throw storage_error(path + ": the new declarations did not get consecutive ids; nothing was imported");
    auto extend = prepare("UPDATE declaration_spans SET last_id = ?3 WHERE wave = ?1 AND last_id = ?2 - 1");
    extend.bind(1, wave).bind(2, first).bind(3, last);
    extend.exec();
    if (sqlite3_changes(conn()) == 1) return;
    auto add = prepare("INSERT INTO declaration_spans(wave, first_id, last_id) VALUES (?, ?, ?)");
    add.bind(1, wave).bind(2, first).bind(3, last);
    add.exec();
}

void Inventory::Impl::import_declarations(const std::string& file, std::int64_t wave, ImportState& st) const {
    CsvReader r(file);
    detail::check_columns(
        r, {"declarer", "partner", "type"},
        {"declarer", "partner", "type", "intensity", "direction", "frequency", "start", "end", "source", "comment"});
    const auto c_d = r.column("declarer"), c_p = r.column("partner"), c_t = r.column("type"),
               c_int = r.column("intensity"), c_dir = r.column("direction"), c_freq = r.column("frequency"),
               c_start = r.column("start"), c_end = r.column("end"), c_src = r.column("source"),
               c_com = r.column("comment");
    const bool decimal_comma = r.delimiter() == ';';
    auto cell = [](const std::vector<std::string>& f, std::size_t c) -> std::string_view {
        return c == CsvReader::npos ? std::string_view() : std::string_view(f[c]);
    };
    ImportCount c{"declarations"};
    std::unordered_map<std::int64_t, bool> directed_of;
    for (const auto& [code, t] : st.types) directed_of.emplace(t.rowid, t.directed);
    StringMap<std::int64_t> text_ids;  // unresolved partner text -> number (> 0)
    auto text_key = [&](std::string_view t) {
        auto it = text_ids.find(t);
        if (it != text_ids.end()) return -it->second;
        const auto k = static_cast<std::int64_t>(text_ids.size() + 1);
        text_ids.emplace(std::string(t), k);
        return -k;
    };

    // Declarations already stored for this wave (re-imports and corrections).
    std::unordered_map<DeclKey, std::pair<std::int64_t, DeclFields>, DeclKeyHash> existing;
    {
        auto s = prepare(
            std::string("SELECT d.id, d.declarer, d.declarer_text, d.partner, d.partner_text, d.type, d.direction, "
                        "d.intensity, d.frequency, d.start_date, d.end_date, d.source, d.comment") +
            kWaveDeclarations);
        s.bind(1, wave);
        s.rows_of("declarations", "id");
        while (s.step()) {
            const auto type = s.id(5);
            const auto stored_dir = stored_direction(s, 6);
            const auto dtext = s.opt_text(6);
            const std::uint8_t dir = directed_of[type] ? stored_dir : std::uint8_t{dir_none};
            DeclKey k{s.id(1), s.is_null(3) ? text_key(s.text(4)) : s.id(3), type, dir};
            existing.emplace(
                k, std::pair{s.integer(0), DeclFields{s.opt_text(2), s.opt_text(4), dtext, s.opt_real(7), s.opt_text(8),
                                                      s.opt_text(9), s.opt_text(10), s.opt_text(11), s.opt_text(12)}});
        }
    }
    // Two threads: a worker parses and validates the file and resolves its names into
    // batches of rows, while this thread (the one holding the transaction) writes the
    // previous batches; SQLite's inserts and the parsing each take about half of a
    // large import (benchmarks/results_store.md). Batches are recycled (detail::Handoff).
    // New declarations are inserted kRows rows per statement (multi-row VALUES): the
    // per-statement cost of SQLite dominates otherwise.
    constexpr int kRows = 64;
    constexpr std::size_t kBatch = 16 * kRows;
    struct Pending {
        std::vector<std::string> f;  // the cells, bound without copy until the rows are written
        std::int64_t declarer, partner, type;
        std::optional<double> intensity;
        bool declarer_alias, partner_text;
        std::uint16_t filled;  // the columns (bits, as kColumns) the row gives a value
    };
    struct Batch {
        std::vector<Pending> rows;
        std::size_t n = 0;
    };
    // A group of rows is inserted by a statement naming only the columns some row of
    // the group fills; the others take their default, NULL. Binding the NULLs of the
    // columns a survey leaves empty cost about 15 % of SQLite's insert time. The
    // statements are prepared on first use of a column set.
    static constexpr const char* kColumns[] = {"wave",     "declarer",  "declarer_text", "partner",   "partner_text",
                                               "type",     "direction", "intensity",     "frequency", "start_date",
                                               "end_date", "source",    "comment"};
    constexpr std::uint16_t kAlways = 1u | 2u | 32u;  // wave, declarer, type: NOT NULL
    auto filled_of = [&](const Pending& p) {
        std::uint16_t m = kAlways;
        auto set = [&m](int col, bool on) { m = static_cast<std::uint16_t>(m | (on ? 1u << col : 0u)); };
        set(2, p.declarer_alias);
        set(3, p.partner > 0);
        set(4, p.partner_text);
        set(6, !cell(p.f, c_dir).empty());
        set(7, p.intensity.has_value());
        set(8, !cell(p.f, c_freq).empty());
        set(9, !cell(p.f, c_start).empty());
        set(10, !cell(p.f, c_end).empty());
        set(11, !cell(p.f, c_src).empty());
        set(12, !cell(p.f, c_com).empty());
        return m;
    };
    std::unordered_map<std::uint32_t, Stmt> inserts;  // key: columns | rows << 16
    auto insert_for = [&](std::uint16_t columns, int rows) -> Stmt& {
        const auto key = static_cast<std::uint32_t>(columns) | static_cast<std::uint32_t>(rows) << 16;
        if (auto it = inserts.find(key); it != inserts.end()) return it->second;
        std::string sql = "INSERT INTO declarations(", one = "(";
        for (int col = 0; col < 13; ++col)
            if (columns >> col & 1u) {
                sql += std::string(one.size() > 1 ? ", " : "") + kColumns[col];
                one += one.size() > 1 ? ",?" : "?";
            }
        sql += ") VALUES ";
        for (int k = 0; k < rows; ++k) sql += (k ? "," : "") + one + ")";
        return inserts.emplace(key, prepare(sql)).first->second;
    };
    // Binds the row's values of the group's columns: NULL where the row has none
    // (p.filled, the one place that says which columns a row fills).
    auto bind_row = [&](Stmt& stmt, int base, const Pending& p, std::uint16_t columns) {
        int i = base;
        for (int col = 0; col < 13; ++col) {
            if (!(columns >> col & 1u)) continue;
            ++i;
            if (!(p.filled >> col & 1u)) {
                stmt.null(i);
                continue;
            }
            switch (col) {
                case 0: stmt.bind(i, wave); break;
                case 1: stmt.bind(i, p.declarer); break;
                case 2: stmt.bind(i, std::string_view(p.f[c_d])); break;
                case 3: stmt.bind(i, p.partner); break;
                case 4: stmt.bind(i, std::string_view(p.f[c_p])); break;
                case 5: stmt.bind(i, p.type); break;
                case 6: stmt.bind(i, cell(p.f, c_dir)); break;
                case 7: stmt.bind(i, *p.intensity); break;
                case 8: stmt.bind(i, cell(p.f, c_freq)); break;
                case 9: stmt.bind(i, cell(p.f, c_start)); break;
                case 10: stmt.bind(i, cell(p.f, c_end)); break;
                case 11: stmt.bind(i, cell(p.f, c_src)); break;
                default: stmt.bind(i, cell(p.f, c_com)); break;
            }
        }
    };
    auto write = [&](const Batch& b) {
        std::size_t k = 0;
        for (; k + kRows <= b.n; k += kRows) {
            std::uint16_t columns = 0;
            for (int j = 0; j < kRows; ++j)
                columns = static_cast<std::uint16_t>(columns | b.rows[k + static_cast<std::size_t>(j)].filled);
            auto& stmt = insert_for(columns, kRows);
            const int per_row = std::popcount(columns);
            for (int j = 0; j < kRows; ++j)
                bind_row(stmt, j * per_row, b.rows[k + static_cast<std::size_t>(j)], columns);
            stmt.run();
        }
        for (; k < b.n; ++k) {
            auto& stmt = insert_for(b.rows[k].filled, 1);
            bind_row(stmt, 0, b.rows[k], b.rows[k].filled);
            stmt.run();
        }
    };
    std::vector<std::pair<std::int64_t, DeclFields>> updates;  // corrections of stored rows
    std::vector<DeclKey> keys;                                 // for duplicate detection within the file,
    std::vector<std::size_t> key_lines;                        // with their lines
    std::size_t duplicate = 0, duplicated = 0;                 // line repeating an earlier line, that line
    detail::Handoff<Batch> pipe(8);
    const auto first_id = pragma_int("SELECT coalesce(max(id), 0) + 1 FROM declarations");

    // The worker: reads st (names, types; code_of builds its table on first use) and
    // writes st.report, c, updates and keys, which this thread reads only after join().
    auto parse = [&] {
        std::string last_declarer;
        NameRef last_ref{0, false};
        std::vector<char> q;
        // A batch is read whole first, so that the name lookups of its rows (each a
        // cache miss or two in a map of every id and alias) can be prefetched a few
        // rows ahead; kept rows move to the front of the batch.
        std::vector<std::size_t> lines(kBatch), hd(kBatch), hp(kBatch);
        constexpr std::size_t kAhead = 16;
        for (bool more = true; more;) {
            auto batch = pipe.take_empty();
            if (!batch) return;  // the writer failed
            batch->rows.resize(kBatch);
            batch->n = 0;
            std::size_t m = 0;
            for (; m < kBatch; ++m) {  // the rows' buffers are reused
                if (!r.next(batch->rows[m].f, q)) {
                    more = false;
                    break;
                }
                lines[m] = r.line();
                hd[m] = st.names.hash(batch->rows[m].f[c_d]);
                hp[m] = st.names.hash(batch->rows[m].f[c_p]);
            }
            for (std::size_t j = 0; j < std::min(m, kAhead); ++j) {
                st.names.prefetch_slot(hd[j]);
                st.names.prefetch_slot(hp[j]);
            }
            for (std::size_t j = 0; j < m; ++j) {
                if (j + kAhead < m) {
                    st.names.prefetch_slot(hd[j + kAhead]);
                    st.names.prefetch_slot(hp[j + kAhead]);
                }
                if (j + kAhead / 2 < m) {
                    st.names.prefetch_entry(hd[j + kAhead / 2]);
                    st.names.prefetch_entry(hp[j + kAhead / 2]);
                }
                const std::size_t line = lines[j];
                auto fail = [&](std::size_t col, const std::string& msg) { r.fail_at(line, col, msg); };
                if (j != batch->n) std::swap(batch->rows[j], batch->rows[batch->n]);
                Pending& p = batch->rows[batch->n];
                const std::vector<std::string>& f = p.f;
                const std::string& dtext = f[c_d];
                if (dtext.empty()) fail(c_d, "empty declarer");
                // survey files list each declarer's rows together: reuse the previous lookup
                if (dtext != last_declarer) {
                    auto dit = st.names.find(dtext, hd[j]);
                    if (!dit)
                        fail(c_d,
                             "unknown declarer '" + dtext +
                                 "' (not a structure id or alias in the inventory; import it in the structures file)");
                    last_ref = *dit;
                    last_declarer = dtext;
                }
                const auto declarer = last_ref.rowid;
                const std::string& ptext = f[c_p];
                if (ptext.empty()) fail(c_p, "empty partner");
                for (const auto col : {c_freq, c_src, c_com})
                    if (col != CsvReader::npos)
                        if (auto fault = text_fault(f[col], TextRule::text); !fault.empty()) fail(col, fault);
                std::int64_t partner = 0;
                bool partner_alias = false;
                if (auto pit = st.names.find(ptext, hp[j])) {
                    partner = pit->rowid;
                    partner_alias = pit->alias;
                    if (partner == declarer)
                        fail(c_p, "partner '" + ptext + "' is the declarer itself (structure '" + st.code_of(declarer) +
                                      "')");
                }
                const std::string& tcode = f[c_t];
                auto tit = st.types.find(tcode);
                if (tit == st.types.end()) {
                    if (tcode.empty()) fail(c_t, "empty link type");
                    fail(c_t, "unknown link type '" + tcode + "' (not in the link types of the inventory)");
                }
                const auto type = tit->second.rowid;
                const bool directed = tit->second.directed;
                const auto dcell = cell(f, c_dir);
                std::uint8_t dir = directed ? dir_out : dir_none;
                if (!dcell.empty()) {
                    if (!directed)
                        fail(c_dir, "direction '" + std::string(dcell) + "' given for the undirected link type '" +
                                        tcode + "' (leave it empty)");
                    if (dcell == "out") dir = dir_out;
                    else if (dcell == "in") dir = dir_in;
                    else if (dcell == "both") dir = dir_both;
                    else fail(c_dir, "direction must be out, in or both, got '" + std::string(dcell) + "'");
                }
                std::optional<double> intensity;
                if (const auto ic = cell(f, c_int); !ic.empty()) {
                    double x;
                    if (!detail::parse_double(ic, decimal_comma, x))
                        fail(c_int, "intensity '" + std::string(ic) + "' is not a number");
                    if (!(std::isfinite(x) && x > 0))
                        fail(c_int, "intensity must be a finite number > 0, got '" + std::string(ic) + "'");
                    intensity = x;
                }
                check_dates(fail, f, c_start, c_end);
                if (!partner)  // kept as written, and may become a structure id or alias later
                    if (auto fault = text_fault(ptext, TextRule::identifier); !fault.empty())
                        fail(c_p, "partner " + fault);
                const DeclKey key{declarer, partner ? partner : text_key(ptext), type, dir};
                keys.push_back(key);
                key_lines.push_back(line);
                if (!partner)
                    st.report.unresolved_partners.push_back(
                        UnresolvedPartner{file, line, st.code_of(declarer), ptext, tcode});
                const std::string_view dt = last_ref.alias ? std::string_view(dtext) : std::string_view();
                const std::string_view pt = (!partner || partner_alias) ? std::string_view(ptext) : std::string_view();
                if (!existing.empty()) {
                    if (auto it = existing.find(key); it != existing.end()) {
                        DeclFields now{opt(dt),
                                       opt(pt),
                                       opt(dcell),
                                       intensity,
                                       opt(cell(f, c_freq)),
                                       opt(cell(f, c_start)),
                                       opt(cell(f, c_end)),
                                       opt(cell(f, c_src)),
                                       opt(cell(f, c_com))};
                        if (now == it->second.second) ++c.unchanged;
                        else {
                            updates.emplace_back(it->second.first, std::move(now));
                            ++c.updated;
                        }
                        continue;  // not kept: the next row takes its place
                    }
                }
                p.declarer = declarer;
                p.partner = partner;
                p.type = type;
                p.intensity = intensity;
                p.declarer_alias = !dt.empty();
                p.partner_text = !pt.empty();
                p.filled = filled_of(p);
                ++batch->n;
                ++c.added;
            }
            pipe.put_full(std::move(*batch));
        }
        pipe.close();  // the writer drains the last batches meanwhile
        // Duplicates within the file (found while the last rows are written): the
        // earliest repeated line is reported.
        if (const auto [j, i] = detail::first_repeat(keys, DeclKeyHash{}); j != static_cast<std::size_t>(-1)) {
            duplicate = key_lines[j];
            duplicated = key_lines[i];
        }
    };
    std::exception_ptr parse_failure;
    std::thread worker([&] {
        try {
            parse();
        } catch (...) {
            parse_failure = std::current_exception();
            pipe.abort();
            return;
        }
        pipe.close();
    });
    try {
        while (auto b = pipe.take_full()) {
            write(*b);
            pipe.put_empty(std::move(*b));
        }
    } catch (...) {
        pipe.abort();
        worker.join();
        throw;  // the database error; the transaction is rolled back by the caller
    }
    worker.join();
    if (parse_failure) std::rethrow_exception(parse_failure);
    if (c.added) record_span(wave, first_id, c.added);
    auto update = prepare(
        "UPDATE declarations SET declarer_text = ?2, partner_text = ?3, direction = ?4, intensity = ?5, frequency = "
        "?6, "
        "start_date = ?7, end_date = ?8, source = ?9, comment = ?10 WHERE id = ?1");
    for (const auto& [id, now] : updates) {
        update.bind(1, id)
            .bind(2, now.declarer_text)
            .bind(3, now.partner_text)
            .bind(4, now.direction)
            .bind(5, now.intensity)
            .bind(6, now.frequency)
            .bind(7, now.start)
            .bind(8, now.end)
            .bind(9, now.source)
            .bind(10, now.comment);
        update.exec();
    }
    if (duplicate)
        throw parse_error(
            file, duplicate, 0, "",
            "duplicate declaration: same declarer, partner, type and direction as line " + std::to_string(duplicated));
    add_count(st.report, c);
}

}  // namespace coopmap
