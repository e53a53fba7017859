# Run by ctest: install coopmap from the build tree into a scratch prefix, build the
# consumer project against it with find_package (and once with add_subdirectory), run it.
# Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR, MODE (find_package|subdirectory).
file(REMOVE_RECURSE ${WORK_DIR})
set(consumer_args)
if(MODE STREQUAL "find_package")
  execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(rc)
    message(FATAL_ERROR "install failed: ${rc}")
  endif()
  # The headers private to src/ (src/csv/, src/store/) must not be installed.
  foreach(private csv_reader.hpp csv_values.hpp handoff.hpp)
    if(EXISTS ${WORK_DIR}/prefix/include/coopmap/detail/${private})
      message(FATAL_ERROR "a private header was installed: coopmap/detail/${private}")
    endif()
  endforeach()
  set(consumer_args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
else()
  set(consumer_args -DCOOPMAP_SOURCE_DIR=${SOURCE_DIR})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/build -G ${GENERATOR}
                        -DCMAKE_BUILD_TYPE=Release ${consumer_args}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumer failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build --target consumer RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumer failed: ${rc}")
endif()
# Florentine families: 16 structures (Pucci included as an isolate), 20 marriage links.
execute_process(COMMAND ${WORK_DIR}/build/consumer ${SOURCE_DIR}/datasets/florentine/structures.csv
                        ${SOURCE_DIR}/datasets/florentine/links.csv 16 20
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the consumer failed: ${rc}")
endif()
