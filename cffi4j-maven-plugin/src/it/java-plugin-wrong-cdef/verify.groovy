// The build failed at the cdef's line, with the parser's message, as a compiler plugin reports
String log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal org.cffi4j:cffi4j-maven-plugin')
assert log.contains(':embed ') : 'not the embed goal that failed'
assert log.contains("src/main/cffi/plugin.cdef:2:") : 'no file:line of the cdef in the build log'
assert log.contains("word_count") : 'the message does not name the declaration'
assert !new File(basedir, 'target/embedded/libplugin.so').exists()
