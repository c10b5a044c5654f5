// The C compiler, run by the plugin at build time, contradicts the cdef: the build fails at its line
String log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal org.cffi4j:cffi4j-maven-plugin')
assert log.contains("src/main/cffi/sqlite.cdef:3:") : 'no file:line of the cdef in the build log'
assert log.contains("'sqlite3_open'") : 'the message does not name the function'
assert !new File(basedir, 'target/generated-sources/cffi4j/org/example/Sqlite.java').exists()
