#pragma once
/// \file detail/escape.hpp
/// Escaping of data text for the export formats: XML text and attributes, JSON strings
/// (safe inside an HTML <script> element), DOT and Pajek quoted strings;
/// locale-independent number formatting. (The maps' writers, coopmap/maps/_text.py,
/// escape and format numbers the same way.)
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "coopmap/network.hpp"

namespace coopmap::detail {

/// Appends s escaped for XML 1.0 text and attribute values: & < > " ' become entities;
/// control characters that XML 1.0 forbids (U+0000-U+001F except tab, LF, CR) are
/// dropped; tab, LF and CR become character references so attribute values keep them.
inline void append_xml(std::string& out, std::string_view s) {
    for (unsigned char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (c < 0x20) break;  // forbidden in XML 1.0
                out += static_cast<char>(c);
        }
    }
}
inline std::string xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    append_xml(out, s);
    return out;
}

/// Appends s as a JSON string literal (with the quotes). Besides JSON's own escapes,
/// < > & and U+2028/U+2029 are written as \u003c \u003e \u0026 \u2028 \u2029 so the
/// text can sit inside an HTML <script> element and be read as JavaScript.
inline void append_json_string(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '<': out += "\\u003c"; break;
            case '>': out += "\\u003e"; break;
            case '&': out += "\\u0026"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                           (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                            static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                    out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                    i += 2;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

/// A double as JSON: shortest round-trip text; NaN and infinities become null.
inline std::string json_number(double x) {
    if (!std::isfinite(x)) return "null";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

/// A typed value as JSON.
inline void append_json_value(std::string& out, const Value& v) {
    if (auto b = std::get_if<bool>(&v)) out += *b ? "true" : "false";
    else if (auto i = std::get_if<std::int64_t>(&v)) out += std::to_string(*i);
    else if (auto d = std::get_if<double>(&v)) out += json_number(*d);
    else append_json_string(out, std::get<std::string>(v));
}

/// Fixed-point text with `decimals` digits, independent of the C locale.
/// Never reads an unwritten byte: a value too long for fixed notation (|x| > 1e300...)
/// is written in scientific notation instead.
inline std::string fixed(double x, int decimals = 1) {
    if (!std::isfinite(x)) x = 0;
    char buf[400];  // DBL_MAX in fixed notation is 309 digits
    auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, decimals);
    if (r.ec != std::errc{}) r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, decimals);
    std::string s(buf, r.ptr);
    if (s == "-0.0" || s == "-0") s.erase(0, 1);
    return s;
}

/// Appends s as a double-quoted DOT / Pajek string: backslash and quote escaped with a
/// backslash, line breaks as \n, other control characters dropped.
inline void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') out += "\\n";
        else if (c < 0x20) continue;
        else out += static_cast<char>(c);
    }
    out += '"';
}

/// Number of Unicode code points of a UTF-8 string (for text width estimates).
inline std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

/// The first `max` code points of s, with an ellipsis when cut.
inline std::string utf8_truncate(std::string_view s, std::size_t max) {
    std::size_t n = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == max) return std::string(s.substr(0, i)) + "\xE2\x80\xA6";
            ++n;
        }
    }
    return std::string(s);
}

/// A label of at most `max` code points that is not cut inside a word: `s` itself when
/// short enough; else its head before a separator (" – ", " — ", " - ", ": ", " (") when
/// that head is 2 to `max` code points (the acronym of "GENIES – GENérateur ..."); else
/// the words that fit in max - 1 code points and "…" (a single word longer than that is
/// cut with "…" as utf8_truncate does).
inline std::string short_label(std::string_view s, std::size_t max) {
    auto length = [](std::string_view t) {
        std::size_t n = 0;
        for (char c : t) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return n;
    };
    if (length(s) <= max) return std::string(s);
    std::size_t best = std::string_view::npos;
    for (std::string_view sep : {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", ": ", " ("}) {
        const auto at = s.find(sep);
        if (at != std::string_view::npos && (best == std::string_view::npos || at < best)) best = at;
    }
    if (best != std::string_view::npos) {
        const std::size_t n = length(s.substr(0, best));
        if (n >= 2 && n <= max) return std::string(s.substr(0, best));
    }
    // the last space before the (max - 1)-th code point
    std::size_t i = 0, n = 0, space = std::string_view::npos;
    for (; i < s.size() && n < max; ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (s[i] == ' ' && n > 0) space = i;
        ++n;
    }
    if (space == std::string_view::npos) return utf8_truncate(s, max - 1);
    std::string out(s.substr(0, space));
    while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':' || out.back() == '-'))
        out.pop_back();
    out += "\xE2\x80\xA6";
    return out;
}

}  // namespace coopmap::detail
