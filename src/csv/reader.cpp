// The streaming CSV record reader (csv/reader.hpp): buffering, quoting, UTF-8 and line tracking.
#include "csv/reader.hpp"

#include "coopmap/network.hpp"  // printable_text, utf8_sequence

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace coopmap::detail {

namespace {
constexpr std::size_t kChunk = 1 << 20;

bool is_space(int c, char delim) { return (c == ' ' || c == '\t') && c != delim; }

std::string hex_byte(unsigned char b) {
    static const char* d = "0123456789ABCDEF";
    return std::string("0x") + d[b >> 4] + d[b & 15];
}
}  // namespace

std::size_t invalid_utf8_offset(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = utf8_sequence(p, i, n, cp);
        if (len == 0) return i;
        i += len;
    }
    return static_cast<std::size_t>(-1);
}

CsvReader::CsvReader(std::string path, char delimiter) : path_(std::move(path)), buf_(kChunk), delim_(delimiter) {
    data_ = buf_.data();
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_) throw parse_error(path_, 0, 0, "", std::string("cannot open file: ") + std::strerror(errno));
    fill();
    init();
}

CsvReader::CsvReader(from_memory_t, std::string name, std::string_view data, char delimiter)
    : path_(std::move(name)), delim_(delimiter) {
    data_ = data.data();
    len_ = data.size();
    eof_ = true;  // everything is in the "buffer" already
    init();
}

void CsvReader::init() {
    if (delim_ == '"' || delim_ == '\n' || delim_ == '\r')
        throw input_error(path_ + ": the delimiter must not be a quote or a line break");
    if (len_ >= 3 && static_cast<unsigned char>(data_[0]) == 0xEF && static_cast<unsigned char>(data_[1]) == 0xBB &&
        static_cast<unsigned char>(data_[2]) == 0xBF)
        pos_ = 3;
    if (delim_ == 0) {
        // Detect on the header line: the most frequent of , ; TAB outside quotes (ties: ,).
        std::size_t counts[3] = {0, 0, 0};
        bool in_quotes = false;
        for (std::size_t i = pos_; i < len_; ++i) {
            const char c = data_[i];
            if (c == '"') in_quotes = !in_quotes;
            else if (!in_quotes && (c == '\n' || c == '\r')) break;
            else if (!in_quotes && c == ',') ++counts[0];
            else if (!in_quotes && c == ';') ++counts[1];
            else if (!in_quotes && c == '\t') ++counts[2];
        }
        delim_ = ',';
        if (counts[1] > counts[0] && counts[1] >= counts[2]) delim_ = ';';
        else if (counts[2] > counts[0] && counts[2] > counts[1]) delim_ = '\t';
    }
    for (const char c : {delim_, '\n', '\r', '"'}) stop_[static_cast<unsigned char>(c)] = true;
    std::vector<char> quoted;
    if (!read_record(header_, quoted))
        throw parse_error(path_, 1, 0, "", "empty file: expected a header line naming the columns");
    columns_.reserve(header_.size());
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (header_[i].empty()) fail(i, "empty column name in the header");
        if (!columns_.emplace(header_[i], i).second) fail(i, "column '" + header_[i] + "' appears twice in the header");
    }
}

CsvReader::~CsvReader() {
    if (file_) std::fclose(file_);
}

std::size_t CsvReader::column(std::string_view name) const noexcept {
    const auto* i = columns_.find(name);
    return i ? *i : npos;
}

void CsvReader::fail_at(std::size_t line, std::size_t column, const std::string& message) const {
    if (column == npos) throw parse_error(path_, line, 0, "", message);
    std::string name;
    if (column < header_.size() && invalid_utf8_offset(header_[column]) == static_cast<std::size_t>(-1))
        name = header_[column];  // a header name that is not UTF-8 itself is left out of the message
    if (first_refused(name, TextRule::identifier).offset != std::string_view::npos)
        name = printable_text(name);  // control characters shown as '?' (and cut as cells are)
    else if (name.size() > 80) {      // a huge header cell: an excerpt, cut at a character boundary
        std::size_t cut = 80;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
        name = name.substr(0, cut) + "...";
    }
    throw parse_error(path_, line, column + 1, name, message);
}

bool CsvReader::fill() {
    if (eof_) return false;
    len_ = std::fread(buf_.data(), 1, buf_.size(), file_);
    pos_ = 0;
    if (len_ == 0) {
        if (std::ferror(file_))
            throw parse_error(path_, line_, 0, "", std::string("read error: ") + std::strerror(errno));
        eof_ = true;
        return false;
    }
    return true;
}

int CsvReader::peek() {
    if (pos_ >= len_ && !fill()) return EOF;
    return static_cast<unsigned char>(data_[pos_]);
}

int CsvReader::get() {
    const int c = peek();
    if (c != EOF) ++pos_;
    return c;
}

bool CsvReader::next(std::vector<std::string>& fields, std::vector<char>& quoted) {
    if (!read_record(fields, quoted)) return false;
    if (fields.size() != header_.size()) {
        if (fields.size() > header_.size())
            throw parse_error(path_, record_line_, header_.size() + 1, "",
                              "this row has " + std::to_string(fields.size()) + " fields but the header has " +
                                  std::to_string(header_.size()));
        fail(fields.size(), "this row has " + std::to_string(fields.size()) + " fields but the header has " +
                                std::to_string(header_.size()) + " (missing '" + header_[fields.size()] + "')");
    }
    return true;
}

bool CsvReader::read_record(std::vector<std::string>& fields, std::vector<char>& quoted) {
    // Field strings are reused from record to record, so that steady-state reading
    // allocates nothing.
    for (;;) {  // loop to skip blank lines
        std::size_t nf = 0;
        record_line_ = line_;
        if (peek() == EOF) {
            fields.clear();
            quoted.clear();
            return false;
        }
        bool end_of_record = false;
        while (!end_of_record) {
            if (nf == fields.size()) {
                fields.emplace_back();
                quoted.push_back(0);
            }
            std::string& field = fields[nf];
            field.clear();
            bool q = false;
            bool ascii = false;  // an unquoted field of ASCII bytes only: valid UTF-8
            int c;
            while (is_space(c = peek(), delim_)) get();
            if (c == '"') {
                q = true;
                get();
                const std::size_t open_line = line_;
                for (;;) {
                    c = get();
                    if (c == EOF) {
                        record_line_ = open_line;
                        fail(nf, "quoted field is never closed (missing closing quote)");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            get();
                            field.push_back('"');
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') ++line_;
                    else if (c == '\r') {
                        if (peek() == '\n') {
                            get();
                            field += "\r\n";
                            ++line_;
                            continue;
                        }
                        ++line_;
                    }
                    field.push_back(static_cast<char>(c));
                }
                while (is_space(c = peek(), delim_)) get();
                if (c != EOF && c != delim_ && c != '\n' && c != '\r')
                    fail(nf,
                         "unexpected character after a closing quote (a quote inside a quoted field must be doubled)");
            } else {
                // Fast path: copy runs of ordinary bytes straight from the buffer.
                unsigned char high = 0;
                for (;;) {
                    if (pos_ >= len_ && !fill()) break;
                    const char* b = data_ + pos_;
                    const char* e = data_ + len_;
                    const char* p = b;
                    while (p < e && !stop_[static_cast<unsigned char>(*p)]) high |= static_cast<unsigned char>(*p++);
                    field.append(b, p);
                    pos_ += static_cast<std::size_t>(p - b);
                    if (p < e) break;
                }
                ascii = high < 0x80;
                if (peek() == '"')
                    fail(nf, "quote inside an unquoted field (quote the whole field and double the inner quotes)");
                while (!field.empty() && is_space(static_cast<unsigned char>(field.back()), delim_)) field.pop_back();
            }
            c = get();
            if (c == EOF || c == '\n') end_of_record = true;
            else if (c == '\r') {
                if (peek() == '\n') get();
                end_of_record = true;
            }
            if (const auto bad = ascii ? static_cast<std::size_t>(-1) : invalid_utf8_offset(field);
                bad != static_cast<std::size_t>(-1))
                fail(nf, "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(field[bad])) + " at byte " +
                             std::to_string(bad + 1) + " of the field); save the file as UTF-8");
            quoted[nf] = q;
            ++nf;
            if (end_of_record && (c == '\n' || c == '\r')) ++line_;
        }
        fields.resize(nf);
        quoted.resize(nf);
        if (nf == 1 && fields[0].empty() && !quoted[0]) continue;  // blank line
        return true;
    }
}

}  // namespace coopmap::detail
