#pragma once
/// \file network.hpp
/// (Over 600 lines: the data model is one class whose mutators keep its invariants —
/// ids, aliases, input rules, interned types, column-wise link attributes — together,
/// plus the CSR snapshot every algorithm reads; the hash table is in
/// detail/flat_string_map.hpp.)
/// The editable cooperation network (structures and their links) and the compact
/// CSR snapshot ("simple view") on which every algorithm runs.
///
/// Model (see the README's design section):
///  * a Structure has a stable string id, a display name, aliases (name variants
///    seen in surveys) and typed attributes (bool, integer, float, string);
///  * a Link joins two distinct structures, has a type (code), a weight (finite, > 0),
///    optional ISO start/end dates, an optional status (e.g. "confirmed") and typed
///    attributes. Several links may join one pair (multiplex: different types, or
///    the same type declared twice); self-loops are rejected;
///  * each link type is directed or undirected (Network::set_link_type; types not
///    declared take the network's default, the constructor's `directed`). An undirected
///    link is one cooperation seen from both ends; a directed one is an arc. A network
///    holding both kinds is *mixed*: its directed simple view carries each undirected
///    link as two arcs (as R sna and networkx's to_directed do), its undirected view
///    each connected pair once.
///
/// Structures keep their insertion order; index i of a structure is its position,
/// and every CSR snapshot numbers vertices the same way.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "coopmap/detail/first_repeat.hpp"
#include "coopmap/detail/flat_string_map.hpp"
#include "coopmap/detail/known_words.hpp"
#include "coopmap/error.hpp"

namespace coopmap {

using index_t = std::uint32_t;

/// A typed attribute value.
using Value = std::variant<bool, std::int64_t, double, std::string>;
/// Attributes, sorted by name.
using Attributes = std::map<std::string, Value, std::less<>>;

/// The value of attribute `name`, nullptr when absent.
inline const Value* find_value(const Attributes& a, std::string_view name) {
    const auto it = a.find(name);
    return it == a.end() ? nullptr : &it->second;
}

/// Shortest text that reads back as the same double; integral values keep a ".0"
/// so that a float column stays a float column after a CSV round trip.
inline std::string format_double(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    std::string s(buf, res.ptr);
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
}

/// The text form of a value as written to CSV: true/false, integers, format_double, strings verbatim.
inline std::string value_to_string(const Value& v) {
    struct V {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return format_double(d); }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(V{}, v);
}

/// Equality with numeric promotion (1 == 1.0); bool is not a number here.
inline bool values_equal(const Value& a, const Value& b) {
    auto num = [](const Value& v, double& out) {
        if (auto p = std::get_if<std::int64_t>(&v)) {
            out = static_cast<double>(*p);
            return true;
        }
        if (auto p = std::get_if<double>(&v)) {
            out = *p;
            return true;
        }
        return false;
    };
    double x, y;
    if (num(a, x) && num(b, y)) return x == y;
    return a == b;
}

/// True for "YYYY", "YYYY-MM" and "YYYY-MM-DD" with a real month and day (leap years included).
inline bool is_iso_date(std::string_view s) {
    auto digits = [&](std::size_t from, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
    if (!digits(0, 4, y)) return false;
    if (s.size() == 4) return true;
    if (s[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12) return false;
    if (s.size() == 7) return true;
    if (s[7] != '-' || !digits(8, 2, d) || d < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + ((m == 2 && leap) ? 1 : 0);
}

/// Compares two ISO dates of possibly different precision on their common prefix:
/// -1, 0 or +1 ("2013" compares equal to "2013-05-01").
inline int compare_dates(std::string_view a, std::string_view b) {
    const auto n = std::min(a.size(), b.size());
    const int c = a.substr(0, n).compare(b.substr(0, n));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

/// Text without leading and trailing spaces and tabs.
inline std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

// ---- which characters a text may hold ----------------------------------------------------

/// The characters allowed in the texts of the model. Every text must be valid UTF-8, and:
///  * TextRule::identifier (structure ids, aliases, link type codes, statuses, attribute
///    names): no control character (C0 U+0000-U+001F, DEL U+007F, C1 U+0080-U+009F) and
///    not U+FFFE or U+FFFF. Outputs could not write such an identifier faithfully (XML 1.0
///    forbids most of them, DOT and the maps drop them), so ids "a\x01b" and "ab" would
///    become one node;
///  * TextRule::text (display names, string attribute values): the characters of XML 1.0,
///    i.e. no C0 control but tab, line feed and carriage return, and not U+FFFE or U+FFFF,
///    so that every XML output (GEXF, GraphML, SVG) is well-formed.
/// Surrogates are not valid UTF-8, so they are refused by both rules.
enum class TextRule { identifier, text };

namespace detail {
/// A refused character: its byte offset in the text (npos when there is none) and its code
/// point (kInvalidUtf8 for a byte that does not start a valid UTF-8 sequence).
struct RefusedChar {
    std::size_t offset;
    char32_t code_point;
};
inline constexpr char32_t kInvalidUtf8 = 0x110000;

/// The UTF-8 sequence starting at p[i], a byte >= 0x80 (n bytes in all): its length, 2 to
/// 4, with its code point in `cp`; 0 when it is not valid UTF-8 (a stray continuation
/// byte, an overlong form, a surrogate, a code point above U+10FFFF, a cut sequence).
inline std::size_t utf8_sequence(const unsigned char* p, std::size_t i, std::size_t n, char32_t& cp) noexcept {
    const unsigned c = p[i];
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) {
        len = 3;
        lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
    else if (c == 0xED) {
        len = 3;
        hi = 0x9F;
    } else if (c == 0xF0) {
        len = 4;
        lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) {
        len = 4;
        hi = 0x8F;
    }
    if (len == 0 || i + len > n || p[i + 1] < lo || p[i + 1] > hi) return 0;
    cp = c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i + k] & 0x3Fu);
    }
    return len;
}

/// The first character of s that the rule refuses. O(|s|); ASCII costs two comparisons a byte.
inline RefusedChar first_refused(std::string_view s, TextRule rule) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    const bool id = rule == TextRule::identifier;
    for (std::size_t i = 0; i < n;) {
        const unsigned c = p[i];
        if (c < 0x80) {
            if ((c >= 0x20 && (c != 0x7F || !id)) || (!id && (c == '\t' || c == '\n' || c == '\r'))) {
                ++i;
                continue;
            }
            return {i, c};
        }
        char32_t cp = 0;
        const std::size_t len = utf8_sequence(p, i, n, cp);
        if (len == 0) return {i, kInvalidUtf8};
        if ((id && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) return {i, cp};
        i += len;
    }
    return {std::string_view::npos, 0};
}

/// "U+0001" (at least four hex digits).
inline std::string code_point_name(char32_t cp) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string digits;
    for (; cp != 0 || digits.size() < 4; cp >>= 4) digits.insert(digits.begin(), hex[cp & 15]);
    digits.insert(0, "U+");
    return digits;
}
}  // namespace detail

/// s as shown in a message: every control character, U+FFFE, U+FFFF and invalid UTF-8
/// byte replaced by '?', cut at a character boundary after 80 bytes ("... (N bytes)").
inline std::string printable_text(std::string_view s) {
    constexpr std::size_t kMax = 80;
    std::size_t cut = s.size();
    if (cut > kMax) {
        cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    }
    std::string out;
    std::string_view rest = s.substr(0, cut);
    for (;;) {
        const auto r = detail::first_refused(rest, TextRule::identifier);
        if (r.offset == std::string_view::npos) break;
        out.append(rest.substr(0, r.offset));
        out += '?';
        std::size_t skip = 1;  // the whole sequence of a refused valid character
        if (r.code_point != detail::kInvalidUtf8) skip = r.code_point < 0x80 ? 1 : r.code_point < 0x800 ? 2 : 3;
        rest.remove_prefix(std::min(rest.size(), r.offset + skip));
    }
    out.append(rest);
    if (cut < s.size()) out += "... (" + std::to_string(s.size()) + " bytes)";
    return out;
}

/// Why s may not be a text of this kind: "" when every character is allowed, else the
/// text quoted (printable_text) and the reason, e.g. "'a?b': control character U+0001 is
/// not allowed". Callers prefix what the text is ("structure id 'a?b': ..."). O(|s|).
inline std::string text_fault(std::string_view s, TextRule rule) {
    const auto r = detail::first_refused(s, rule);
    if (r.offset == std::string_view::npos) return {};
    // Built by appending: GCC 12 -O3 warns (-Wrestrict, falsely) on chains of operator+.
    std::string why(1, '\'');
    why.append(printable_text(s)).append("': ");
    if (r.code_point == detail::kInvalidUtf8) {
        static constexpr char hex[] = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(s[r.offset]);
        why.append("invalid UTF-8 (byte 0x").append(1, hex[b >> 4]).append(1, hex[b & 15]);
        return why.append(" at byte ").append(std::to_string(r.offset + 1)).append(")");
    }
    if (r.code_point == 0xFFFE || r.code_point == 0xFFFF)
        return why.append("character ")
            .append(detail::code_point_name(r.code_point))
            .append(" is not allowed (a Unicode noncharacter, invalid in XML 1.0)");
    why.append("control character ").append(detail::code_point_name(r.code_point)).append(" is not allowed");
    if (rule == TextRule::text)
        why.append(" (of the control characters, text may hold tab, line feed and carriage return)");
    return why;
}

/// Throws input_error("<what> <text_fault>") when s holds a character the rule refuses.
inline void check_text(std::string_view what, std::string_view s, TextRule rule) {
    if (auto fault = text_fault(s, rule); !fault.empty()) throw input_error(std::string(what) + " " + fault);
}

/// A string value must be TextRule::text; other values always pass. "" or the fault.
inline std::string value_fault(const Value& v) {
    const auto* s = std::get_if<std::string>(&v);
    return s ? text_fault(*s, TextRule::text) : std::string();
}

namespace detail {
/// The position of the first of `texts` equal to an earlier one, skipping those equal to
/// `skip` (npos when there is none). A pairwise scan for up to 8 texts; beyond,
/// first_repeat's radix sort of hashes, O(n) and cache-friendly where a hash set of a
/// million strings misses the cache on every insertion.
template <class S>
std::size_t first_repeated_text(const std::vector<S>& texts, std::string_view skip) {
    constexpr auto npos = static_cast<std::size_t>(-1);
    if (texts.size() <= 8) {
        for (std::size_t j = 1; j < texts.size(); ++j)
            if (std::string_view(texts[j]) != skip)
                for (std::size_t i = 0; i < j; ++i)
                    if (texts[i] == texts[j]) return j;
        return npos;
    }
    std::vector<std::string_view> kept;
    std::vector<std::size_t> at;
    kept.reserve(texts.size());
    at.reserve(texts.size());
    for (std::size_t k = 0; k < texts.size(); ++k)
        if (std::string_view(texts[k]) != skip) {
            kept.emplace_back(texts[k]);
            at.push_back(k);
        }
    const auto j = first_repeat(kept, [](std::string_view t) { return std::hash<std::string_view>{}(t); }).first;
    return j == npos ? npos : at[j];
}
}  // namespace detail

/// Attribute names that would clash with a structure's own fields in records and CSV.
inline bool is_reserved_structure_attribute(std::string_view k) { return k == "id" || k == "name" || k == "aliases"; }
/// Attribute names that would clash with a link's own fields in records and CSV.
inline bool is_reserved_link_attribute(std::string_view k) {
    return k == "source" || k == "target" || k == "type" || k == "weight" || k == "start" || k == "end" ||
           k == "status";
}

struct Structure {
    std::string id;
    std::string name;  ///< display name; equals the id when none was given
    std::vector<std::string> aliases;
    Attributes attributes;
};

/// What add_link takes besides the two ends.
struct LinkSpec {
    std::string type = "cooperation";
    double weight = 1.0;
    std::string start;   ///< ISO date or empty
    std::string end;     ///< ISO date or empty
    std::string status;  ///< e.g. "confirmed", "unconfirmed"; empty when unknown
    Attributes attributes;
};

/// Links given column by column, for bulk loading (Network::add_links): one entry per
/// link in source, target, type, weight, start, end and status, where type, start, end
/// and status are indices into the small tables types, dates and statuses (dates[0] and
/// statuses[0] must be "": no date, no status). Each attribute column gives a value for
/// every link.
struct LinkColumns {
    std::vector<index_t> source, target;
    std::vector<std::uint32_t> type, start, end, status;
    std::vector<double> weight;
    std::vector<std::string> types;
    std::vector<std::string> dates{""};
    std::vector<std::string> statuses{""};
    std::vector<std::pair<std::string, std::vector<Value>>> attributes;
};

/// A link as stored: 40 bytes. Text fields are interned in the network's tables; read
/// them with Network::type_name, status_name, start, end and attributes.
struct Link {
    index_t source;
    index_t target;
    std::uint32_t type;    ///< index into Network::type_names()
    std::uint32_t status;  ///< index into Network::status_names(); 0 is "" (no status)
    double weight;
    std::uint32_t start;       ///< index into the network's date table (read it with Network::start); 0 is no date
    std::uint32_t end;         ///< likewise
    std::uint32_t attributes;  ///< row in the link attribute columns; 0: no attributes
};

/// Heterogeneous string hashing, so that lookups by string_view allocate nothing.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

class Network {
public:
    /// An empty network; `directed` is the default of link types not declared with
    /// set_link_type (every type directed, or every type undirected).
    explicit Network(bool directed = false) : directed_(directed) {
        status_names_.emplace_back();
        date_names_.emplace_back();
    }

    /// True when some link is directed (a directed or mixed network); with no link, the
    /// constructor's default. Every algorithm reads direction through this and
    /// is_directed(link). O(1).
    bool directed() const noexcept { return links_.empty() ? directed_ : directed_links_ > 0; }
    /// True when the network holds undirected and directed links together.
    bool mixed() const noexcept { return directed_links_ > 0 && directed_links_ < links_.size(); }
    /// The default direction of link types not declared (the constructor's argument).
    bool default_directed() const noexcept { return directed_; }
    /// Whether a link is an arc (its type is directed).
    bool is_directed(const Link& l) const noexcept { return type_directed_[l.type] != 0; }
    /// Number of directed links (arcs).
    std::size_t number_of_arcs() const noexcept { return directed_links_; }
    std::size_t number_of_structures() const noexcept { return structures_.size(); }
    std::size_t number_of_links() const noexcept { return links_.size(); }
    const std::vector<Structure>& structures() const noexcept { return structures_; }
    const std::vector<Link>& links() const noexcept { return links_; }

    // ---- structures ---------------------------------------------------------------

    /// Adds a structure; returns its index. Throws input_error for an empty id, an id
    /// or alias already used by a structure (as id or alias), or an empty alias.
    /// Aliases are trimmed of surrounding spaces and must not contain '|'. The id, the
    /// aliases and the attribute names follow TextRule::identifier, the name and string
    /// attribute values TextRule::text (input_error naming the field and the character).
    /// Complexity: O(#aliases + size of the texts) expected.
    index_t add_structure(std::string id, std::string name = {}, Attributes attributes = {},
                          std::vector<std::string> aliases = {}) {
        if (id.empty()) throw input_error("structure id must not be empty");
        check_text("structure id", id, TextRule::identifier);
        if (find(id)) throw input_error("duplicate structure id '" + id + "'");
        check_name(id, name);
        for (const auto& [k, v] : attributes) check_structure_attribute(id, k, &v);
        for (auto& a : aliases)  // aliases are compared trimmed, as read from CSV
            if (!a.empty() && (a.front() == ' ' || a.front() == '\t' || a.back() == ' ' || a.back() == '\t'))
                a = trim(a);
        const std::size_t twice = detail::first_repeated_text(aliases, id);  // the first alias given twice
        for (std::size_t i = 0; i < aliases.size(); ++i) {
            const auto& a = aliases[i];
            if (a.empty()) throw input_error("structure '" + id + "': empty alias");
            if (auto f = text_fault(a, TextRule::identifier); !f.empty())
                throw input_error("structure '" + id + "': alias " + f);
            if (a.find('|') != std::string::npos)
                throw input_error("structure '" + id + "': alias '" + a + "' contains '|', the alias separator");
            if (a == id) continue;  // an alias equal to the own id is harmless
            if (auto other = find(a))
                throw input_error("structure '" + id + "': alias '" + a + "' is already used by structure '" +
                                  structures_[*other].id + "'");
            if (i == twice) throw input_error("structure '" + id + "': alias '" + a + "' given twice");
        }
        std::erase(aliases, id);
        if (structures_.size() >= static_cast<std::size_t>(UINT32_MAX)) throw input_error("too many structures");
        const auto idx = static_cast<index_t>(structures_.size());
        if (name.empty()) name = id;
        id_index_.emplace(id, idx);
        for (const auto& a : aliases) alias_index_.emplace(a, idx);
        structures_.push_back(Structure{std::move(id), std::move(name), std::move(aliases), std::move(attributes)});
        return idx;
    }

    /// Index of the structure with this id, else of the structure with this alias.
    std::optional<index_t> find(std::string_view key) const {
        if (const auto* i = id_index_.find(key)) return *i;
        if (const auto* i = alias_index_.find(key)) return *i;
        return std::nullopt;
    }
    bool contains(std::string_view key) const { return find(key).has_value(); }

    /// Like find(), but throws not_found naming the key.
    index_t index_of(std::string_view key) const {
        if (auto i = find(key)) return *i;
        throw not_found(std::string(key), "unknown structure '" + std::string(key) + "'");
    }
    const Structure& structure(index_t i) const { return structures_.at(i); }
    const Structure& structure(std::string_view key) const { return structures_[index_of(key)]; }

    /// Sets the display name (TextRule::text; empty: the id).
    void set_name(std::string_view key, std::string name) {
        auto& s = structures_[index_of(key)];
        check_name(s.id, name);
        s.name = name.empty() ? s.id : std::move(name);
    }
    /// Sets an attribute: the name follows TextRule::identifier, a string value TextRule::text.
    void set_attribute(std::string_view key, std::string name, Value value) {
        auto& s = structures_[index_of(key)];
        check_structure_attribute(s.id, name, &value);
        s.attributes.insert_or_assign(std::move(name), std::move(value));
    }
    /// Removes an attribute; returns whether it was there.
    bool remove_attribute(std::string_view key, std::string_view name) {
        auto& a = structures_[index_of(key)].attributes;
        auto it = a.find(name);
        if (it == a.end()) return false;
        a.erase(it);
        return true;
    }
    void add_alias(std::string_view key, std::string alias) {
        const auto i = index_of(key);
        alias = trim(alias);
        if (alias.empty()) throw input_error("structure '" + structures_[i].id + "': empty alias");
        if (auto f = text_fault(alias, TextRule::identifier); !f.empty())
            throw input_error("structure '" + structures_[i].id + "': alias " + f);
        if (alias.find('|') != std::string::npos)
            throw input_error("structure '" + structures_[i].id + "': alias '" + alias +
                              "' contains '|', the alias separator");
        if (auto other = find(alias)) {
            if (*other == i) return;
            throw input_error("alias '" + alias + "' is already used by structure '" + structures_[*other].id + "'");
        }
        alias_index_.emplace(alias, i);
        structures_[i].aliases.push_back(std::move(alias));
    }

    /// Removes a structure and every link touching it; later structures move down one
    /// index. Returns the number of links removed. O(n + m).
    std::size_t remove_structure(std::string_view key) {
        const auto i = index_of(key);
        const auto before = links_.size();
        std::erase_if(links_, [i](const Link& l) { return l.source == i || l.target == i; });
        for (auto& l : links_) {
            if (l.source > i) --l.source;
            if (l.target > i) --l.target;
        }
        structures_.erase(structures_.begin() + i);
        rebuild_index();
        compact_link_attributes();
        count_arcs();
        return before - links_.size();
    }

    // ---- links --------------------------------------------------------------------

    /// Adds a link; returns its index. Throws not_found when an end is not a structure
    /// (id or alias), input_error for a self-loop, an empty type, a weight that is not
    /// finite and > 0, a date that is not ISO (YYYY[-MM[-DD]]) or an end before the start,
    /// and for a type code, status or attribute name that is not TextRule::identifier or a
    /// string attribute value that is not TextRule::text.
    std::size_t add_link(std::string_view source, std::string_view target, LinkSpec spec = {}) {
        return add_link(index_of(source), index_of(target), std::move(spec));
    }
    std::size_t add_link(index_t s, index_t t, LinkSpec spec = {}) {
        return add_link(s, t, spec.type, spec.weight, spec.start, spec.end, spec.status, std::move(spec.attributes));
    }
    /// The same without building a LinkSpec (what the readers call).
    std::size_t add_link(index_t s, index_t t, std::string_view type, double weight, std::string_view start = {},
                         std::string_view end = {}, std::string_view status = {}, Attributes attributes = {}) {
        if (s >= structures_.size() || t >= structures_.size()) throw not_found("", "link end out of range");
        if (s == t)
            throw input_error("self-loop on structure '" + structures_[s].id +
                              "': a link joins two distinct structures");
        if (type.empty()) throw input_error("link " + describe(s, t) + ": empty link type");
        if (!type_index_.find(type)) check_text("link type code", type, TextRule::identifier);
        if (!status.empty() && !status_index_.find(status))
            if (auto f = text_fault(status, TextRule::identifier); !f.empty())
                throw input_error("link " + describe(s, t) + ": status " + f);
        if (!(std::isfinite(weight) && weight > 0))
            throw input_error("link " + describe(s, t) + ": weight must be a finite number > 0, got " +
                              format_double(weight));
        check_date(start, s, t, "start");
        check_date(end, s, t, "end");
        if (!start.empty() && !end.empty() && compare_dates(end, start) < 0)
            throw input_error("link " + describe(s, t) + ": end " + std::string(end) + " is before start " +
                              std::string(start));
        if (links_.size() >= static_cast<std::size_t>(UINT32_MAX)) throw input_error("too many links");
        for (const auto& [k, v] : attributes) check_link_attribute(s, t, k, &v);
        const std::uint32_t row = attributes.empty() ? 0u : new_attribute_row();
        for (auto& [k, v] : attributes) put_link_attribute(row, k, std::move(v));
        const auto ty = intern_type(type);
        links_.push_back(Link{s, t, ty, status.empty() ? 0u : intern(status_names_, status_index_, status), weight,
                              start.empty() ? 0u : intern(date_names_, date_index_, start),
                              end.empty() ? 0u : intern(date_names_, date_index_, end), row});
        directed_links_ += type_directed_[ty];
        return links_.size() - 1;
    }

    /// Appends the links of c, in order; returns the index of the first. The same checks
    /// as add_link, each table entry (type, date, status) validated and interned once, and
    /// all of them done before anything is added: a refused link leaves the network
    /// unchanged.
    /// Also input_error when the columns differ in length, an index is outside its table,
    /// or dates[0] / statuses[0] is not "". O(m + table sizes + text sizes + a log a) for
    /// a attribute columns, no per-link lookups.
    std::size_t add_links(LinkColumns c) {
        const std::size_t m = c.source.size();
        const std::size_t first = links_.size();
        auto same = [m](std::size_t k) { return k == m; };
        if (!same(c.target.size()) || !same(c.type.size()) || !same(c.weight.size()) || !same(c.start.size()) ||
            !same(c.end.size()) || !same(c.status.size()))
            throw input_error("add_links: the link columns differ in length");
        if (c.dates.empty() || !c.dates[0].empty() || c.statuses.empty() || !c.statuses[0].empty())
            throw input_error("add_links: dates[0] and statuses[0] must be \"\" (no date, no status)");
        // Sorted by name: a repeated name is next to its twin, and the columns are added in
        // the order link_columns_ keeps (each appended, not inserted: O(columns) in all).
        std::sort(c.attributes.begin(), c.attributes.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t j = 0; j < c.attributes.size(); ++j) {
            const std::string& name = c.attributes[j].first;
            if (!same(c.attributes[j].second.size()))
                throw input_error("add_links: attribute column '" + name + "' differs in length");
            if (name.empty() || is_reserved_link_attribute(name))
                throw input_error("add_links: '" + name + "' is not a link attribute name");
            check_text("add_links: attribute name", name, TextRule::identifier);
            if (j > 0 && c.attributes[j - 1].first == name)
                throw input_error("add_links: attribute column '" + name + "' given twice");
        }
        for (const auto& type : c.types)
            if (!type.empty() && !type_index_.find(type))
                check_text("add_links: link type code", type, TextRule::identifier);
        for (const auto& status : c.statuses)
            if (!status.empty() && !status_index_.find(status))
                check_text("add_links: status", status, TextRule::identifier);
        if (m > static_cast<std::size_t>(UINT32_MAX) - first) throw input_error("too many links");
        for (std::size_t k = 1; k < c.dates.size(); ++k)
            if (!is_iso_date(c.dates[k]))
                throw input_error("add_links: date '" + c.dates[k] +
                                  "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
        for (std::size_t k = 0; k < m; ++k) {
            const auto s = c.source[k], t = c.target[k];
            if (s >= structures_.size() || t >= structures_.size()) throw not_found("", "link end out of range");
            if (s == t)
                throw input_error("self-loop on structure '" + structures_[s].id +
                                  "': a link joins two distinct structures");
            if (c.type[k] >= c.types.size() || c.start[k] >= c.dates.size() || c.end[k] >= c.dates.size() ||
                c.status[k] >= c.statuses.size())
                throw input_error("add_links: link " + describe(s, t) +
                                  ": a type, date or status index is outside its table");
            if (c.types[c.type[k]].empty()) throw input_error("link " + describe(s, t) + ": empty link type");
            if (!(std::isfinite(c.weight[k]) && c.weight[k] > 0))
                throw input_error("link " + describe(s, t) + ": weight must be a finite number > 0, got " +
                                  format_double(c.weight[k]));
            if (c.start[k] && c.end[k] && compare_dates(c.dates[c.end[k]], c.dates[c.start[k]]) < 0)
                throw input_error("link " + describe(s, t) + ": end " + c.dates[c.end[k]] + " is before start " +
                                  c.dates[c.start[k]]);
        }
        for (const auto& [name, values] : c.attributes)
            for (std::size_t k = 0; k < m; ++k)
                if (auto f = value_fault(values[k]); !f.empty())
                    throw input_error("add_links: link " + describe(c.source[k], c.target[k]) + ": attribute '" + name +
                                      "': value " + f);
        if (!c.attributes.empty() && m > static_cast<std::size_t>(UINT32_MAX - attribute_rows_))
            throw input_error("too many links with attributes");
        // Checked: from here on only an allocation can fail.
        auto interned = [](const std::vector<std::string>& table, std::vector<std::string>& names,
                           detail::FlatStringMap<std::uint32_t>& idx, bool keep_empty) {
            std::vector<std::uint32_t> to(table.size(), 0);
            for (std::size_t k = 0; k < table.size(); ++k)
                if (!(keep_empty && table[k].empty())) to[k] = intern(names, idx, table[k]);
            return to;
        };
        std::vector<std::uint32_t> types(c.types.size());
        for (std::size_t k = 0; k < c.types.size(); ++k) types[k] = intern_type(c.types[k]);
        const auto dates = interned(c.dates, date_names_, date_index_, true);
        const auto statuses = interned(c.statuses, status_names_, status_index_, true);
        std::uint32_t row = 0;
        if (!c.attributes.empty()) {
            row = attribute_rows_;
            for (auto& col : link_columns_) col.at.resize(col.at.size() + m, 0);
            attribute_rows_ += static_cast<std::uint32_t>(m);
            for (auto& [name, values] : c.attributes) {
                auto it = link_column_index_.find(name);
                if (it == link_column_index_.end()) it = insert_link_column(name);
                auto& col = link_columns_[it->second];
                const auto base = static_cast<std::uint32_t>(col.values.size());
                if (base == 0) col.values = std::move(values);  // a new column: taken whole
                else
                    col.values.insert(col.values.end(), std::make_move_iterator(values.begin()),
                                      std::make_move_iterator(values.end()));
                for (std::size_t k = 0; k < m; ++k) col.at[row + k] = base + static_cast<std::uint32_t>(k) + 1;
            }
        }
        links_.reserve(first + m);
        for (std::size_t k = 0; k < m; ++k)
            links_.push_back(Link{c.source[k], c.target[k], types[c.type[k]], statuses[c.status[k]], c.weight[k],
                                  dates[c.start[k]], dates[c.end[k]], row ? row + static_cast<std::uint32_t>(k) : 0u});
        for (std::size_t k = first; k < links_.size(); ++k) directed_links_ += type_directed_[links_[k].type];
        return first;
    }

    /// Does link l join s and t: either orientation for an undirected link, s -> t for an arc.
    bool joins(const Link& l, index_t s, index_t t) const noexcept {
        return (l.source == s && l.target == t) || (!is_directed(l) && l.source == t && l.target == s);
    }
    /// Indices of the links joining s and t (either orientation for an undirected link;
    /// s -> t for a directed one).
    std::vector<std::size_t> links_between(index_t s, index_t t) const {
        std::vector<std::size_t> out;
        for (std::size_t k = 0; k < links_.size(); ++k)
            if (joins(links_[k], s, t)) out.push_back(k);
        return out;
    }

    /// Removes the links between two structures (of one type when type is given).
    /// Throws not_found when no link matched. O(m).
    std::size_t remove_links(std::string_view source, std::string_view target,
                             std::optional<std::string_view> type = {}) {
        const auto s = index_of(source), t = index_of(target);
        const auto before = links_.size();
        std::erase_if(links_, [&](const Link& l) { return joins(l, s, t) && (!type || type_names_[l.type] == *type); });
        count_arcs();
        if (links_.size() == before)
            throw not_found(std::string(source), "no link " + describe(s, t) +
                                                     (type ? " of type '" + std::string(*type) + "'" : std::string()));
        compact_link_attributes();
        return before - links_.size();
    }

    /// Sets (or replaces) an attribute of link k.
    void set_link_attribute(std::size_t k, std::string name, Value value) {
        if (k >= links_.size()) throw not_found(std::to_string(k), "no link with index " + std::to_string(k));
        check_link_attribute(links_[k].source, links_[k].target, name, &value);
        auto& row = links_[k].attributes;
        if (row == 0) row = new_attribute_row();
        put_link_attribute(row, name, std::move(value));
    }

    const std::string& type_name(const Link& l) const { return type_names_[l.type]; }
    const std::string& status_name(const Link& l) const { return status_names_[l.status]; }
    /// ISO start date of a link, "" when none.
    const std::string& start(const Link& l) const { return date_names_[l.start]; }
    /// ISO end date of a link, "" when none.
    const std::string& end(const Link& l) const { return date_names_[l.end]; }
    /// The attributes of a link, as a map built on request (they are stored column-wise:
    /// prefer link_attribute() in loops over many links). O(columns).
    Attributes attributes(const Link& l) const {
        Attributes out;
        if (l.attributes == 0) return out;
        for (const auto& c : link_columns_)
            if (const auto at = c.at[l.attributes]; at != 0) out.emplace_hint(out.end(), c.name, c.values[at - 1]);
        return out;
    }
    /// The value of one attribute of a link; nullptr when the link does not have it. O(1).
    const Value* link_attribute(const Link& l, std::string_view name) const {
        if (l.attributes == 0) return nullptr;
        const auto it = link_column_index_.find(name);
        if (it == link_column_index_.end()) return nullptr;
        const auto& c = link_columns_[it->second];
        const auto at = c.at[l.attributes];
        return at == 0 ? nullptr : &c.values[at - 1];
    }
    /// Names of the link attributes some link has, sorted.
    std::vector<std::string> link_attribute_names() const {
        std::vector<std::string> out;
        for (const auto& c : link_columns_)
            if (!c.values.empty()) out.push_back(c.name);
        return out;
    }
    /// Every type code ever used or declared (index = Link::type); may include types no
    /// longer in use.
    const std::vector<std::string>& type_names() const noexcept { return type_names_; }

    // ---- link types -----------------------------------------------------------------

    /// Declares a link type (or updates a declared one): its direction and its
    /// descriptive attributes (label, label_fr, label_en, family, description... merged
    /// into those it has). `directed` unset keeps the type's current direction (the
    /// network's default for a new type). Changing the direction of a type in use turns
    /// its links into arcs (source -> target) or into undirected links. Returns the
    /// type's index. Throws input_error for an empty code, a code or attribute name that is
    /// not TextRule::identifier, a string attribute value that is not TextRule::text. O(m)
    /// when the direction of a type in use changes, else O(attributes).
    std::uint32_t set_link_type(std::string_view code, std::optional<bool> directed = {}, Attributes attributes = {}) {
        if (code.empty()) throw input_error("link type code must not be empty");
        check_text("link type code", code, TextRule::identifier);
        for (const auto& [k, v] : attributes) {
            if (k.empty() || k == "code" || k == "directed")
                throw input_error("link type '" + std::string(code) + "': '" + k +
                                  "' is not a link type attribute name (code and directed are fields of every type)");
            if (auto f = text_fault(k, TextRule::identifier); !f.empty())
                throw input_error("link type '" + std::string(code) + "': attribute name " + f);
            if (auto f = value_fault(v); !f.empty())
                throw input_error("link type '" + std::string(code) + "': attribute '" + k + "': value " + f);
        }
        const auto ty = intern_type(code);
        if (directed && (type_directed_[ty] != 0) != *directed) {
            type_directed_[ty] = *directed;
            count_arcs();
        }
        for (auto& [k, v] : attributes) type_attributes_[ty].insert_or_assign(k, std::move(v));
        return ty;
    }
    /// Is this type code known (in use or declared)?
    bool has_link_type(std::string_view code) const { return type_index_.find(code) != nullptr; }
    /// Direction of a known type; not_found naming the code (and the known codes) otherwise.
    bool type_directed(std::string_view code) const { return type_directed_[type_of(code)] != 0; }
    bool type_directed(std::uint32_t type) const { return type_directed_.at(type) != 0; }
    /// Descriptive attributes of a known type (label, family...).
    const Attributes& type_attributes(std::string_view code) const { return type_attributes_[type_of(code)]; }
    const Attributes& type_attributes(std::uint32_t type) const { return type_attributes_.at(type); }
    /// The index of a known type code; not_found naming it and the known codes otherwise.
    std::uint32_t type_of(std::string_view code) const {
        if (const auto* k = type_index_.find(code)) return *k;
        throw not_found(std::string(code),
                        "unknown link type '" + std::string(code) + "'" + detail::known_words(code, type_names_));
    }
    const std::vector<std::string>& status_names() const noexcept { return status_names_; }

    /// The link types in use, in order of first appearance.
    std::vector<std::string> link_types() const {
        std::vector<char> used(type_names_.size(), 0);
        for (const auto& l : links_) used[l.type] = 1;
        std::vector<std::string> out;
        for (std::size_t k = 0; k < used.size(); ++k)
            if (used[k]) out.push_back(type_names_[k]);
        return out;
    }

    // ---- graph attributes --------------------------------------------------------------

    /// Attributes of the network itself (networkx's G.graph, igraph's graph attributes):
    /// dataset metadata such as `illustrative`, `source`, `wave`. Copied by subnetwork()
    /// and every filter; maps read `illustrative`. Throws input_error for an empty name, a
    /// name that is not TextRule::identifier or a string value that is not TextRule::text.
    /// O(log a + size of the texts).
    void set_graph_attribute(std::string_view name, Value value) {
        if (name.empty()) throw input_error("graph attribute name must not be empty");
        check_text("graph attribute name", name, TextRule::identifier);
        if (auto f = value_fault(value); !f.empty())
            throw input_error("graph attribute '" + std::string(name) + "': value " + f);
        graph_attributes_.insert_or_assign(std::string(name), std::move(value));
    }
    /// Removes a graph attribute; false when there was none. O(log a).
    bool remove_graph_attribute(std::string_view name) {
        const auto it = graph_attributes_.find(name);
        if (it == graph_attributes_.end()) return false;
        graph_attributes_.erase(it);
        return true;
    }
    /// The value of a graph attribute, nullptr when absent. O(log a).
    const Value* graph_attribute(std::string_view name) const {
        const auto it = graph_attributes_.find(name);
        return it == graph_attributes_.end() ? nullptr : &it->second;
    }
    const Attributes& graph_attributes() const noexcept { return graph_attributes_; }

    void reserve(std::size_t structures, std::size_t links, std::size_t aliases = 0) {
        structures_.reserve(structures);
        id_index_.reserve(structures);
        alias_index_.reserve(aliases);
        links_.reserve(links);
    }

    std::string describe(index_t s, index_t t) const {
        return structures_[s].id + (directed_ ? " -> " : " -- ") + structures_[t].id;
    }

private:
    /// The index of a type code, interned with the default direction when new.
    std::uint32_t intern_type(std::string_view code) {
        const auto ty = intern(type_names_, type_index_, code);
        if (ty == type_directed_.size()) {
            type_directed_.push_back(directed_);
            type_attributes_.emplace_back();
        }
        return ty;
    }
    void count_arcs() {
        directed_links_ = 0;
        for (const auto& l : links_) directed_links_ += type_directed_[l.type];
    }
    static std::uint32_t intern(std::vector<std::string>& names, detail::FlatStringMap<std::uint32_t>& idx,
                                std::string_view name) {
        const auto [k, fresh] = idx.emplace(name, static_cast<std::uint32_t>(names.size()));
        if (fresh) names.emplace_back(name);
        return *k;
    }
    static void check_name(const std::string& id, std::string_view name) {
        if (auto f = text_fault(name, TextRule::text); !f.empty())
            throw input_error("structure '" + id + "': name " + f);
    }
    /// An attribute name (and its value, when given) of structure id.
    static void check_structure_attribute(const std::string& id, std::string_view name, const Value* value = nullptr) {
        if (name.empty()) throw input_error("structure '" + id + "': attribute name must not be empty");
        if (is_reserved_structure_attribute(name))
            throw input_error("structure '" + id + "': '" + std::string(name) +
                              "' is a field of every structure, not an attribute name (rename it)");
        if (auto f = text_fault(name, TextRule::identifier); !f.empty())
            throw input_error("structure '" + id + "': attribute name " + f);
        if (value)
            if (auto f = value_fault(*value); !f.empty())
                throw input_error("structure '" + id + "': attribute '" + std::string(name) + "': value " + f);
    }
    /// An attribute name (and its value, when given) of a link s -> t.
    void check_link_attribute(index_t s, index_t t, std::string_view name, const Value* value = nullptr) const {
        if (name.empty()) throw input_error("link " + describe(s, t) + ": attribute name must not be empty");
        if (is_reserved_link_attribute(name))
            throw input_error("link " + describe(s, t) + ": '" + std::string(name) +
                              "' is a field of every link, not an attribute name (rename it)");
        if (auto f = text_fault(name, TextRule::identifier); !f.empty())
            throw input_error("link " + describe(s, t) + ": attribute name " + f);
        if (value)
            if (auto f = value_fault(*value); !f.empty())
                throw input_error("link " + describe(s, t) + ": attribute '" + std::string(name) + "': value " + f);
    }
    /// A new row of the link attribute columns, where every attribute is absent.
    std::uint32_t new_attribute_row() {
        if (attribute_rows_ == UINT32_MAX) throw input_error("too many links with attributes");
        for (auto& c : link_columns_) c.at.push_back(0);
        return attribute_rows_++;
    }
    /// Stores a value in a row (the name checked by the caller); a new name adds a column.
    void put_link_attribute(std::uint32_t row, std::string_view name, Value value) {
        auto it = link_column_index_.find(name);
        if (it == link_column_index_.end()) it = insert_link_column(name);
        auto& c = link_columns_[it->second];
        if (auto& at = c.at[row]; at != 0) c.values[at - 1] = std::move(value);
        else {
            c.values.push_back(std::move(value));
            at = static_cast<std::uint32_t>(c.values.size());
        }
    }
    /// Drops the attribute rows and values no link refers to any more (after removals),
    /// and the columns left empty. O(m x columns).
    void compact_link_attributes() {
        std::vector<LinkColumn> kept;
        for (const auto& c : link_columns_) kept.push_back(LinkColumn{c.name, {0}, {}});
        std::uint32_t rows = 1;
        for (auto& l : links_) {
            if (l.attributes == 0) continue;
            for (std::size_t j = 0; j < kept.size(); ++j) {
                const auto at = link_columns_[j].at[l.attributes];
                if (at != 0) kept[j].values.push_back(std::move(link_columns_[j].values[at - 1]));
                kept[j].at.push_back(at == 0 ? 0 : static_cast<std::uint32_t>(kept[j].values.size()));
            }
            l.attributes = rows++;
        }
        std::erase_if(kept, [](const LinkColumn& c) { return c.values.empty(); });
        link_columns_ = std::move(kept);
        attribute_rows_ = rows;
        index_link_columns();
    }
    void index_link_columns() {
        link_column_index_.clear();
        for (std::uint32_t k = 0; k < link_columns_.size(); ++k) link_column_index_.emplace(link_columns_[k].name, k);
    }
    /// Adds an empty column (no link has it yet) at its place in name order, so that
    /// attributes() builds its map in order; returns its entry in link_column_index_. Only
    /// the columns after it are renumbered: appending (names coming in order) is O(1).
    StringMap<std::uint32_t>::iterator insert_link_column(std::string_view name) {
        const auto pos = link_columns_.empty() || link_columns_.back().name < name
                             ? link_columns_.end()
                             : std::lower_bound(
                                   link_columns_.begin(), link_columns_.end(), name,
                                   [](const LinkColumn& c, std::string_view n) { return c.name < n; });
        const auto at = static_cast<std::uint32_t>(pos - link_columns_.begin());
        link_columns_.insert(pos, LinkColumn{std::string(name), std::vector<std::uint32_t>(attribute_rows_, 0), {}});
        for (auto k = static_cast<std::uint32_t>(link_columns_.size() - 1); k > at; --k)
            link_column_index_.find(link_columns_[k].name)->second = k;
        return link_column_index_.emplace(link_columns_[at].name, at).first;
    }
    void check_date(std::string_view d, index_t s, index_t t, const char* which) const {
        if (!d.empty() && !is_iso_date(d))
            throw input_error("link " + describe(s, t) + ": " + which + " date '" + std::string(d) +
                              "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    void rebuild_index() {
        id_index_.clear();
        alias_index_.clear();
        for (index_t k = 0; k < structures_.size(); ++k) {
            id_index_.emplace(structures_[k].id, k);
            for (const auto& a : structures_[k].aliases) alias_index_.emplace(a, k);
        }
    }

    bool directed_;  // default direction of undeclared link types
    std::size_t directed_links_ = 0;
    std::vector<Structure> structures_;
    std::vector<Link> links_;
    detail::FlatStringMap<index_t> id_index_;
    detail::FlatStringMap<index_t> alias_index_;
    std::vector<std::string> type_names_;
    detail::FlatStringMap<std::uint32_t> type_index_;
    std::vector<char> type_directed_;          // per type: 1 = arcs
    std::vector<Attributes> type_attributes_;  // per type: label, family...
    Attributes graph_attributes_;              // the network's own: illustrative, source...
    std::vector<std::string> status_names_;    // [0] = ""
    detail::FlatStringMap<std::uint32_t> status_index_;
    std::vector<std::string> date_names_;  // [0] = ""
    detail::FlatStringMap<std::uint32_t> date_index_;
    /// Link attributes, column-wise: one column per name, sorted by name. Row r (a
    /// link's Link::attributes, from 1; 0 means no attribute) holds at[r] = 1 + the index
    /// of its value in values, or 0 when that link lacks the attribute. A link without
    /// attributes costs nothing; one with a string attribute about 44 bytes, where a map
    /// per link cost about 160 (and one allocation).
    struct LinkColumn {
        std::string name;
        std::vector<std::uint32_t> at;
        std::vector<Value> values;
    };
    std::vector<LinkColumn> link_columns_;
    StringMap<std::uint32_t> link_column_index_;
    std::uint32_t attribute_rows_ = 1;  // row 0 stands for "no attribute"
};

// ---- views: filtered networks ----------------------------------------------------------

/// Which links to keep. An empty list means "any"; all conditions must hold.
struct LinkFilter {
    std::vector<std::string> types;
    std::vector<std::string> statuses;
    std::vector<std::pair<std::string, Value>> attributes;  ///< attribute == value (1 == 1.0)
    std::string active_on;                                  ///< ISO date: start <= date <= end, missing bounds open
};

/// Which structures to keep. An empty list means "any"; all conditions must hold.
struct StructureFilter {
    std::vector<std::string> ids;                           ///< ids or aliases
    std::vector<std::pair<std::string, Value>> attributes;  ///< attribute == value
};

/// Declares in `to` every link type of `from`, with its direction and attributes, and
/// copies the graph attributes of `from`: what a part of a network inherits from it.
inline void copy_link_types_and_graph_attributes(const Network& from, Network& to) {
    for (std::uint32_t k = 0; k < from.type_names().size(); ++k)
        to.set_link_type(from.type_names()[k], from.type_directed(k), from.type_attributes(k));
    for (const auto& [k, v] : from.graph_attributes()) to.set_graph_attribute(k, v);
}

/// A copy of the network keeping the structures and links flagged true; links whose
/// ends are not both kept are dropped. Link types and graph attributes are copied.
/// O(n + m).
inline Network subnetwork(const Network& net, const std::vector<char>& keep_structure,
                          const std::vector<char>& keep_link) {
    if (keep_structure.size() != net.number_of_structures() || keep_link.size() != net.number_of_links())
        throw input_error("subnetwork: mask sizes do not match the network");
    Network out(net.default_directed());
    copy_link_types_and_graph_attributes(net, out);
    std::vector<index_t> remap(net.number_of_structures(), UINT32_MAX);
    for (index_t i = 0; i < net.number_of_structures(); ++i) {
        if (!keep_structure[i]) continue;
        const auto& s = net.structure(i);
        remap[i] = out.add_structure(s.id, s.name, s.attributes, s.aliases);
    }
    for (std::size_t k = 0; k < net.number_of_links(); ++k) {
        const auto& l = net.links()[k];
        if (!keep_link[k] || remap[l.source] == UINT32_MAX || remap[l.target] == UINT32_MAX) continue;
        out.add_link(remap[l.source], remap[l.target], net.type_name(l), l.weight, net.start(l), net.end(l),
                     net.status_name(l), net.attributes(l));
    }
    return out;
}

namespace detail {
/// Do the values hold every condition? value_of(name) is the value, nullptr when absent.
inline bool attributes_match(const std::vector<std::pair<std::string, Value>>& conds, auto&& value_of) {
    for (const auto& [k, v] : conds) {
        const Value* x = value_of(k);
        if (!x || !values_equal(*x, v)) return false;
    }
    return true;
}
}  // namespace detail

/// Names of the attributes some structure has, sorted. O(n a).
inline std::vector<std::string> structure_attribute_names(const Network& net) {
    std::vector<std::string> out;
    for (const auto& s : net.structures())
        for (const auto& [k, v] : s.attributes) out.push_back(k);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Throws input_error when no structure has attribute `name` ("name", the display name,
/// is always there; a network without structures accepts any name), naming it and the
/// known attribute names, closest first.
/// `what` says who asks (e.g. "group"). An attribute that only some structures have
/// passes: each function says what it does with the others (its `missing` option).
inline void require_structure_attribute(const Network& net, std::string_view name,
                                        std::string_view what = "attribute") {
    if (name == "name" || net.number_of_structures() == 0) return;
    for (const auto& s : net.structures())
        if (s.attributes.find(name) != s.attributes.end()) return;
    throw input_error(std::string(what) + " '" + std::string(name) + "': no structure has this attribute" +
                      detail::known_words(name, structure_attribute_names(net)));
}

/// Keeps every structure and the links that pass the filter. Throws input_error, naming
/// the word and the known ones (closest first), for a type the network does not know,
/// a status no link has, an attribute no link has, or an active_on that is not an ISO date.
inline Network filter_links(const Network& net, const LinkFilter& f) {
    for (const auto& t : f.types)
        if (!net.has_link_type(t))
            throw input_error("filter_links: unknown link type '" + t + "'" + detail::known_words(t, net.type_names()));
    for (const auto& st : f.statuses) {
        const auto& known = net.status_names();
        if (std::find(known.begin() + 1, known.end(), st) == known.end())
            throw input_error("filter_links: no link has status '" + st + "'" + detail::known_words(st, known));
    }
    if (!f.attributes.empty()) {
        const auto names = net.link_attribute_names();
        for (const auto& [k, v] : f.attributes)
            if (!std::binary_search(names.begin(), names.end(), k)) {
                auto known = names;  // a misspelt keyword of the filter itself ("typ") is named too
                for (const char* field : {"type", "status", "active_on"}) known.emplace_back(field);
                throw input_error("filter_links: no link has attribute '" + k + "'" + detail::known_words(k, known));
            }
    }
    if (!f.active_on.empty() && !is_iso_date(f.active_on))
        throw input_error("active_on '" + f.active_on + "' is not an ISO date");
    std::vector<char> ks(net.number_of_structures(), 1), kl(net.number_of_links(), 0);
    for (std::size_t k = 0; k < net.number_of_links(); ++k) {
        const auto& l = net.links()[k];
        bool ok = f.types.empty() || std::find(f.types.begin(), f.types.end(), net.type_name(l)) != f.types.end();
        ok = ok && (f.statuses.empty() ||
                    std::find(f.statuses.begin(), f.statuses.end(), net.status_name(l)) != f.statuses.end());
        ok = ok && detail::attributes_match(f.attributes,
                                            [&](const std::string& name) { return net.link_attribute(l, name); });
        if (ok && !f.active_on.empty()) {
            ok = (l.start == 0 || compare_dates(net.start(l), f.active_on) <= 0) &&
                 (l.end == 0 || compare_dates(f.active_on, net.end(l)) <= 0);
        }
        kl[k] = ok;
    }
    return subnetwork(net, ks, kl);
}

/// Keeps the structures that pass the filter and the links among them.
/// Throws not_found for an id in f.ids that is no structure, input_error for an attribute
/// no structure has (naming it and the known ones, closest first).
inline Network filter_structures(const Network& net, const StructureFilter& f) {
    for (const auto& [k, v] : f.attributes) require_structure_attribute(net, k, "filter_structures: attribute");
    std::vector<char> ks(net.number_of_structures(), f.ids.empty() ? 1 : 0), kl(net.number_of_links(), 1);
    for (const auto& id : f.ids) ks[net.index_of(id)] = 1;
    for (index_t i = 0; i < net.number_of_structures(); ++i)
        ks[i] = ks[i] && detail::attributes_match(f.attributes, [&](const std::string& k) {
                    return find_value(net.structure(i).attributes, k);
                });
    return subnetwork(net, ks, kl);
}

// ---- groups --------------------------------------------------------------------------------

/// Structures grouped by an attribute: membership[i] is the group of structure i, and
/// labels[g] the attribute value of group g (groups numbered by first appearance).
struct Grouping {
    std::vector<std::uint32_t> membership;
    std::vector<Value> labels;
};

/// Groups structures by the value of an attribute ("name" groups by display name).
/// Values equal under values_equal (1 == 1.0) share a group. Structures lacking the
/// attribute form the group labelled `missing` when it is set; otherwise they are an
/// input_error naming them (the first five, and how many in all). An attribute that no
/// structure has is always an input_error naming it and the known attribute names,
/// closest first (a misspelt name never passes as "every structure lacks it").
/// O(n * k) for k groups.
inline Grouping group_by(const Network& net, std::string_view attribute, const std::optional<Value>& missing = {}) {
    require_structure_attribute(net, attribute);
    Grouping g;
    g.membership.resize(net.number_of_structures());
    std::vector<std::string> lacking;
    std::size_t n_lacking = 0;
    for (index_t i = 0; i < net.number_of_structures(); ++i) {
        const auto& s = net.structure(i);
        Value name_value;
        const Value* v = nullptr;
        if (attribute == "name") v = &(name_value = s.name);
        else if (auto it = s.attributes.find(attribute); it != s.attributes.end()) v = &it->second;
        if (!v) {
            if (!missing) {
                if (++n_lacking <= 5) lacking.push_back(s.id);
                continue;
            }
            v = &*missing;
        }
        std::uint32_t k = 0;
        while (k < g.labels.size() && !values_equal(g.labels[k], *v)) ++k;
        if (k == g.labels.size()) g.labels.push_back(*v);
        g.membership[i] = k;
    }
    if (n_lacking) {
        std::string list;
        for (const auto& id : lacking) list += (list.empty() ? "" : ", ") + id;
        throw input_error("attribute '" + std::string(attribute) + "' is missing on " + std::to_string(n_lacking) +
                          " structure(s): " + list + (n_lacking > lacking.size() ? ", ..." : "") +
                          " (give them a group with missing=...)");
    }
    return g;
}

// ---- the CSR snapshot ---------------------------------------------------------------------

/// How parallel links (several links, or both orientations of an undirected pair) are
/// merged into one weighted edge of the simple view.
enum class Aggregate {
    sum,    ///< sum of weights (the default)
    max,    ///< largest weight
    min,    ///< smallest weight
    count,  ///< number of links
    binary  ///< 1 for every connected pair (weights ignored)
};

struct SimpleViewOptions {
    Aggregate aggregate = Aggregate::sum;
    /// Drop direction: a directed network becomes undirected, a -> b and b -> a merging
    /// into one edge. No effect on an undirected network.
    bool undirected = false;
    /// Keep the directed links (arcs) alone, leaving out the undirected ones: the view of
    /// a mixed network's arcs (reciprocity). No effect on the direction of the view.
    bool arcs_only = false;
};

/// A simple weighted graph in compressed sparse row form: no parallel edges, no loops,
/// neighbours sorted by index. Undirected graphs store each edge in both rows.
/// For directed graphs the rows are out-neighbours, and in_* hold the in-neighbours.
struct SimpleGraph {
    bool directed = false;
    std::size_t n = 0;
    std::vector<std::size_t> offsets;  ///< n + 1 entries
    std::vector<index_t> targets;
    std::vector<double> weights;
    std::vector<std::size_t> in_offsets;  ///< directed only
    std::vector<index_t> in_sources;
    std::vector<double> in_weights;

    /// Number of edges (undirected) or arcs (directed).
    std::size_t number_of_edges() const noexcept { return directed ? targets.size() : targets.size() / 2; }
    std::span<const index_t> neighbors(index_t u) const {
        return {targets.data() + offsets[u], targets.data() + offsets[u + 1]};
    }
    std::span<const double> neighbor_weights(index_t u) const {
        return {weights.data() + offsets[u], weights.data() + offsets[u + 1]};
    }
    std::span<const index_t> in_neighbors(index_t u) const {
        if (!directed) return neighbors(u);
        return {in_sources.data() + in_offsets[u], in_sources.data() + in_offsets[u + 1]};
    }
    std::span<const double> in_neighbor_weights(index_t u) const {
        if (!directed) return neighbor_weights(u);
        return {in_weights.data() + in_offsets[u], in_weights.data() + in_offsets[u + 1]};
    }
    std::size_t degree(index_t u) const noexcept { return offsets[u + 1] - offsets[u]; }
    /// Weight of the edge u -> v, or nullopt. O(log deg u).
    std::optional<double> edge_weight(index_t u, index_t v) const {
        auto nb = neighbors(u);
        auto it = std::lower_bound(nb.begin(), nb.end(), v);
        if (it == nb.end() || *it != v) return std::nullopt;
        return weights[offsets[u] + static_cast<std::size_t>(it - nb.begin())];
    }
};

namespace detail {
struct Arc {
    index_t target;
    double weight;
};

/// Builds rows from the arcs that `for_each_arc(f)` hands to f(source, target, weight),
/// called twice (it must give the same arcs in the same order): a counting pass sizes
/// the rows, a second pass writes each arc straight into its row of `targets` /
/// `weights`; then each row is sorted by target (through a buffer of one row) and its
/// duplicates merged in place with the aggregate. O(m log d_max) time; memory: the
/// result (12 bytes per arc) and n + 1 offsets, nothing per arc besides.
template <class ForEachArc>
void build_rows_from(std::size_t n, ForEachArc&& for_each_arc, Aggregate agg, std::vector<std::size_t>& offsets,
                     std::vector<index_t>& targets, std::vector<double>& weights) {
    offsets.assign(n + 1, 0);
    for_each_arc([&](index_t s, index_t, double) { ++offsets[s + 1]; });
    for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
    const std::size_t total = offsets[n];
    targets.assign(total, 0);
    weights.assign(total, 0.0);
    {
        std::vector<std::size_t> pos(offsets.begin(), offsets.end() - 1);
        for_each_arc([&](index_t s, index_t t, double w) {
            const std::size_t k = pos[s]++;
            targets[k] = t;
            weights[k] = agg == Aggregate::count || agg == Aggregate::binary ? 1.0 : w;
        });
    }
    std::vector<Arc> row;
    std::size_t out = 0;  // rows are compacted leftwards: out <= the row being read
    for (std::size_t u = 0; u < n; ++u) {
        const std::size_t b = offsets[u], e = offsets[u + 1];
        row.clear();
        for (std::size_t k = b; k < e; ++k) row.push_back(Arc{targets[k], weights[k]});
        std::sort(row.begin(), row.end(), [](const Arc& a, const Arc& c) { return a.target < c.target; });
        offsets[u] = out;
        for (const Arc& a : row) {
            if (out > offsets[u] && targets[out - 1] == a.target) {
                double& acc = weights[out - 1];
                switch (agg) {
                    case Aggregate::sum:
                    case Aggregate::count: acc += a.weight; break;
                    case Aggregate::max: acc = std::max(acc, a.weight); break;
                    case Aggregate::min: acc = std::min(acc, a.weight); break;
                    case Aggregate::binary: break;
                }
            } else {
                targets[out] = a.target;
                weights[out] = a.weight;
                ++out;
            }
        }
    }
    offsets[n] = out;
    targets.resize(out);
    weights.resize(out);
    if (out < total - total / 8) {  // many parallel links merged: give the slack back
        targets.shrink_to_fit();
        weights.shrink_to_fit();
    }
}

}  // namespace detail

/// The simple weighted view of a network as a CSR snapshot (see SimpleGraph).
/// Undirected (or options.undirected): the links of a pair in both orientations merge
/// into one edge. Directed: links a -> b merge into one arc, b -> a is another arc.
/// Complexity: O(n + m log d_max) time; memory: the result (12 bytes per arc plus n + 1
/// offsets) and one row buffer, no intermediate list of the arcs.
inline SimpleGraph simple_view(const Network& net, const SimpleViewOptions& opt = {}) {
    SimpleGraph g;
    g.n = net.number_of_structures();
    g.directed = net.directed() && !opt.undirected;
    const auto& links = net.links();
    // every arc of the view straight from the links (an undirected link: both arcs);
    // `reverse` gives the in-neighbour rows of a directed view
    auto arcs = [&](bool reverse) {
        return [&, reverse](auto&& f) {
            for (const auto& l : links) {
                const bool arc = net.is_directed(l);
                if (opt.arcs_only && !arc) continue;
                auto put = [&](index_t a, index_t b) { reverse ? f(b, a, l.weight) : f(a, b, l.weight); };
                put(l.source, l.target);
                if (!g.directed || !arc) put(l.target, l.source);
            }
        };
    };
    detail::build_rows_from(g.n, arcs(false), opt.aggregate, g.offsets, g.targets, g.weights);
    if (g.directed) detail::build_rows_from(g.n, arcs(true), opt.aggregate, g.in_offsets, g.in_sources, g.in_weights);
    return g;
}

/// Density: the arcs of the simple view over the n(n - 1) ordered pairs. An undirected
/// link counts as two arcs, so an undirected network gives 2 pairs / n(n - 1) and a
/// directed one arcs / n(n - 1) (both networkx's density); a mixed network gives the
/// density of its directed view (networkx's on to_directed()), which is its undirected
/// density when every link is two-way. Parallel links count once. NaN when n < 2.
/// O(n + m log d).
inline double density(const Network& net) {
    const auto n = static_cast<double>(net.number_of_structures());
    if (n < 2) return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(simple_view(net, {.aggregate = Aggregate::binary}).targets.size()) / (n * (n - 1));
}

/// Parses an aggregate name: "sum", "max", "min", "count" or "binary".
inline Aggregate parse_aggregate(std::string_view s) {
    if (s == "sum") return Aggregate::sum;
    if (s == "max") return Aggregate::max;
    if (s == "min") return Aggregate::min;
    if (s == "count") return Aggregate::count;
    if (s == "binary") return Aggregate::binary;
    throw input_error("unknown aggregate '" + std::string(s) + "' (expected sum, max, min, count or binary)");
}

}  // namespace coopmap
