// coopmap._core: the compiled part of the coopmap Python package.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "coopmap/error.hpp"

#include <map>
#include <string>

namespace py = pybind11;

namespace coopmap::py_bind {
namespace {
std::map<std::string, BindFn>& registry() {
    static std::map<std::string, BindFn> r;
    return r;
}
}  // namespace
bool register_binding(const char* name, BindFn fn) {
    registry().emplace(name, fn);
    return true;
}
void run_registered_bindings(py::module_& m) {
    for (const auto& [name, fn] : registry()) fn(m);
}
}  // namespace coopmap::py_bind

namespace {
// Raises the exception class `name` of coopmap.errors with extra constructor arguments.
template <class... Args>
void raise(const char* name, const char* message, Args&&... args) {
    py::object cls = py::module_::import("coopmap.errors").attr(name);
    py::object inst = cls(message, std::forward<Args>(args)...);
    PyErr_SetObject(cls.ptr(), inst.ptr());
}
}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.";
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const coopmap::parse_error& e) {
            raise("CsvError", e.what(), e.file(), e.line(), e.column(), e.column_name());
        } catch (const coopmap::input_error& e) {
            raise("InputError", e.what());
        } catch (const coopmap::not_found& e) {
            raise("NotFoundError", e.what(), e.key());
        } catch (const coopmap::storage_error& e) {
            raise("StorageError", e.what());
        } catch (const coopmap::error& e) {
            raise("Error", e.what());
        } catch (const py::cast_error& e) {
            // A Python value that a binding could not convert to a C++ type: a wrong
            // argument type, never an internal error (pybind11 would raise RuntimeError).
            PyErr_SetString(PyExc_TypeError, e.what());
        }
    });
    coopmap::py_bind::bind_network(m);
    coopmap::py_bind::run_registered_bindings(m);
}
