// coopmap._core: the compiled part of the coopmap Python package.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "coopmap/detail/interrupt.hpp"
#include "coopmap/error.hpp"

#include <atomic>
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
// Ctrl-C during a long computation: the interrupt hook of coopmap (detail/interrupt.hpp)
// runs Python's signal handlers from the main thread (at most every 50 ms); when one
// raises (KeyboardInterrupt by default) the computation throws coopmap::interrupted and
// the translator below raises that very exception.
std::atomic<unsigned long> main_thread_ident{0};
thread_local PyObject* pending_type = nullptr;
thread_local PyObject* pending_value = nullptr;
thread_local PyObject* pending_traceback = nullptr;

bool python_interrupted() {
    if (PyThread_get_thread_ident() != main_thread_ident.load()) return false;  // signals go to the main thread
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() == 0) return false;
    PyErr_Fetch(&pending_type, &pending_value, &pending_traceback);
    return true;
}

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
        } catch (const coopmap::interrupted&) {
            if (pending_type) {
                PyErr_Restore(pending_type, pending_value, pending_traceback);
                pending_type = pending_value = pending_traceback = nullptr;
            } else {
                PyErr_SetNone(PyExc_KeyboardInterrupt);
            }
        } catch (const coopmap::error& e) {
            raise("Error", e.what());
        } catch (const py::cast_error& e) {
            // A Python value that a binding could not convert to a C++ type: a wrong
            // argument type, never an internal error (pybind11 would raise RuntimeError).
            PyErr_SetString(PyExc_TypeError, e.what());
        }
    });
    main_thread_ident = py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
    coopmap::detail::set_interrupt_hook(&python_interrupted);
    coopmap::py_bind::bind_network(m);
    coopmap::py_bind::run_registered_bindings(m);
}
