import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Runs a main class from a directory of classes through a child class loader, as a plugin system
 * or an application server loads its plugins: the class path (cffi4j) is the parent, which cannot
 * see the child's classes. Arguments: the directory, the main class, its arguments.
 */
public class ChildLoader {
    public static void main(String[] args) throws Throwable {
        URL dir = Path.of(args[0]).toUri().toURL();
        try (URLClassLoader child = new URLClassLoader(new URL[] {dir}, ChildLoader.class.getClassLoader())) {
            Class<?> main = Class.forName(args[1], true, child);
            String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
            main.getMethod("main", String[].class).invoke(null, (Object) rest);
        }
    }
}
