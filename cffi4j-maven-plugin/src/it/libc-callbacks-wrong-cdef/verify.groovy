// A syntax error: the build fails at the cdef's place, as a compiler plugin reports
String log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal org.cffi4j:cffi4j-maven-plugin')
assert log.contains("src/main/cffi/libc.cdef:2:") : 'no file:line of the cdef in the build log'
assert !new File(basedir, 'target/generated-sources/cffi4j/org/example/LibC.java').exists()
