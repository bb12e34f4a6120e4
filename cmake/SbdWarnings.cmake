# Warnings of the project's own targets: -Wall -Wextra clean is the bar.
function(sbd_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
      $<$<BOOL:${SBD_WERROR}>:-Werror>)
  endif()
endfunction()
option(SBD_WERROR "Treat warnings as errors" OFF)
