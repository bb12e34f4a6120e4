# Installs the build at SBD_BUILD_DIR into WORK_DIR/prefix, then:
#  1. configures, builds and tests the consumer project with find_package(sbd);
#  2. checks that find_package(sbd <a later major.minor>) is refused;
#  3. compiles a C program with the flags of `pkg-config --cflags --libs sbd`.
foreach(var SBD_BUILD_DIR WORK_DIR CONSUMER_DIR SBD_C_TESTS SBD_C_FIXTURES SBD_VERSION GENERATOR
            C_COMPILER CXX_COMPILER PKG_CONFIG)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_package_test.cmake: -D${var}=... is required")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

foreach(component sbd_runtime sbd_development)
  run(${CMAKE_COMMAND} --install ${SBD_BUILD_DIR} --prefix ${prefix} --component ${component})
endforeach()
message(STATUS "installed to ${prefix}")

# 1. find_package(sbd): the consumer builds against the prefix only.
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_BUILD_TYPE=Debug
    -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DSBD_PREFIX=${prefix}
    -DSBD_EXPECTED_VERSION=${SBD_VERSION}
    -DSBD_C_TESTS=${SBD_C_TESTS}
    -DSBD_C_FIXTURES=${SBD_C_FIXTURES})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK_DIR}/build --output-on-failure)
message(STATUS "consumer project: built and passed\n${run_output}")

# 2. The version file refuses an incompatible request.
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _ "${SBD_VERSION}")
math(EXPR next_minor "${CMAKE_MATCH_2} + 1")
set(too_new "${CMAKE_MATCH_1}.${next_minor}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build-too-new -G ${GENERATOR}
    -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DSBD_PREFIX=${prefix} -DSBD_REQUESTED_VERSION=${too_new}
    -DSBD_C_TESTS=${SBD_C_TESTS} -DSBD_C_FIXTURES=${SBD_C_FIXTURES}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "sbd")
  message(FATAL_ERROR "find_package(sbd ${too_new}) should fail against ${SBD_VERSION}:\n${out}\n${err}")
endif()
message(STATUS "find_package(sbd ${too_new}) refused, as it should be")

# 3. pkg-config --cflags --libs sbd, and nothing else, builds a C program.
file(GLOB_RECURSE pc_files ${prefix}/*/sbd.pc)
if(NOT pc_files)
  message(FATAL_ERROR "no sbd.pc under ${prefix}")
endif()
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir ${pc_file} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
run(${PKG_CONFIG} --modversion sbd)
string(STRIP "${run_output}" modversion)
if(NOT modversion STREQUAL SBD_VERSION)
  message(FATAL_ERROR "pkg-config --modversion sbd gave '${modversion}', expected ${SBD_VERSION}")
endif()
run(${PKG_CONFIG} --cflags --libs sbd)
string(STRIP "${run_output}" flags)
message(STATUS "pkg-config --cflags --libs sbd: ${flags}")
if(NOT flags MATCHES "-lsbd_c")
  message(FATAL_ERROR "pkg-config --libs sbd does not link sbd_c: ${flags}")
endif()
separate_arguments(flag_list UNIX_COMMAND "${flags}")
run(${C_COMPILER} -std=c99 -pedantic -Wall -Wextra -Werror
    ${CONSUMER_DIR}/pkgconfig_main.c ${flag_list} -o ${WORK_DIR}/pkgconfig_main)
# No rpath: the program finds the installed library through LD_LIBRARY_PATH.
run(${PKG_CONFIG} --variable=libdir sbd)
string(STRIP "${run_output}" libdir)
set(ENV{LD_LIBRARY_PATH} "${libdir}")
run(${WORK_DIR}/pkgconfig_main ${SBD_VERSION})
message(STATUS "pkg-config consumer: ${run_output}")
