/** The cffi4j demo programs, run by {@code ./build demo}. */
module org.cffi4j.examples {
    requires org.cffi4j;
}
