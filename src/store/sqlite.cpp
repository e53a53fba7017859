// Thin SQLite wrappers of the inventory (store/sqlite.hpp): errors, messages, stored attributes.
#include "store/sqlite.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace coopmap::store {

void fail_db(sqlite3* db, const std::string& path, const std::string& what) {
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        msg += " (another process holds the write lock; retry when its import is done)";
    throw storage_error(path + ": " + what + ": " + msg);
}

void Stmt::bad(int i, const std::string& what) const {
    const char* column = sqlite3_column_name(s_, i);
    throw storage_error(*path_ + ": the inventory is damaged or was edited by another program (table " +
                        (table_ ? table_ : "?") + ", row " + row() + ", column " + (column ? column : "?") + ": " +
                        shown(i) + " is " + what + "); restore it from a copy");
}

std::string Stmt::row() const {
    std::string out, key = key_ ? key_ : "";
    int n = 0;
    for (std::size_t at = 0; !key.empty() && at != std::string::npos; ++n) {
        const auto comma = key.find(',', at);
        std::string name = key.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        name.erase(0, name.find_first_not_of(' '));
        out += (n ? ", " : "") + name + " " + shown(n);
        at = comma == std::string::npos ? comma : comma + 1;
    }
    if (n == 0) return "?";
    return n == 1 ? out : "(" + out + ")";
}

std::string Stmt::shown(int i) const {
    switch (sqlite3_column_type(s_, i)) {
        case SQLITE_NULL: return "NULL";
        case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(s_, i));
        case SQLITE_FLOAT: return format_double(sqlite3_column_double(s_, i));
        case SQLITE_BLOB: return "a blob of " + std::to_string(sqlite3_column_bytes(s_, i)) + " bytes";
        default: break;
    }
    const auto t = bytes(i);
    std::string out = "'";
    for (std::size_t k = 0; k < t.size() && k < 40; ++k) {
        const auto c = static_cast<unsigned char>(t[k]);
        if (c >= 0x20 && c < 0x7f && c != '\\') out += static_cast<char>(c);
        else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        }
    }
    return out + (t.size() > 40 ? "...'" : "'");
}

Value stored_attribute(const Stmt& t, int kind, int value) {
    const auto k = t.bytes(kind);
    const int type = t.type(value);
    if (k == "bool") return Value(t.flag(value));
    if (k == "int") {
        if (type != SQLITE_INTEGER) t.bad(value, "not an integer (an attribute of kind int)");
        return Value(t.integer(value));
    }
    if (k == "float") {
        if (type == SQLITE_NULL) return Value(std::numeric_limits<double>::quiet_NaN());
        if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) t.bad(value, "not a number (an attribute of kind float)");
        return Value(t.real(value));
    }
    if (k == "str") {
        if (type != SQLITE_TEXT) t.bad(value, "not a text (an attribute of kind str)");
        return Value(std::string(t.text(value)));
    }
    t.bad(kind, "not bool, int, float or str");
}

void store_attribute(Stmt& put, std::int64_t rowid, const std::string& k, const Value& v) {
    put.bind(1, rowid).bind(2, std::string_view(k));
    if (auto b = std::get_if<bool>(&v)) put.bind(3, std::string_view("bool")).bind(4, std::int64_t(*b ? 1 : 0));
    else if (auto i = std::get_if<std::int64_t>(&v)) put.bind(3, std::string_view("int")).bind(4, *i);
    else if (auto d = std::get_if<double>(&v)) {
        put.bind(3, std::string_view("float"));
        if (std::isnan(*d)) put.null(4);  // SQLite stores NaN as NULL; read back as NaN
        else put.bind(4, *d);
    } else put.bind(3, std::string_view("str")).bind(4, std::string_view(std::get<std::string>(v)));
    put.exec();
}

}  // namespace coopmap::store
