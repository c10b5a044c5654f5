// The build failed at the cdef's line, with the parser's message, as a compiler plugin reports
String log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal org.cffi4j:cffi4j-maven-plugin')
assert log.contains("src/main/cffi/zlib.cdef:4:") : 'no file:line of the cdef in the build log'
assert log.contains("uInt") : 'the message does not name the unknown type'
assert !new File(basedir, 'target/generated-sources/cffi4j/org/example/Zlib.java').exists()
