package io.schemapilot.agent;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;

/**
 * Where schemapilot's own {@code prompts/}, {@code skills/} and {@code tools/} folders are (the "home"). The one
 * place that decides it; everything else asks here. In order:
 * <ol>
 *   <li>the {@code SCHEMAPILOT_HOME} environment variable (it must name a directory);</li>
 *   <li>the installation: the folder holding {@code prompts/} at or up to two levels above the jar or class
 *       folder schemapilot runs from ({@code <home>/target/schemapilot.jar}, {@code <home>/target/classes});</li>
 *   <li>the working directory, when it has a {@code prompts/} folder.</li>
 * </ol>
 * When none has one, there is no home and the built-in folders are simply absent.
 */
public final class Resources {

    /** The environment variable that names the home explicitly. */
    public static final String HOME_ENV = "SCHEMAPILOT_HOME";

    /** How the home was found. */
    public enum Origin {
        /** {@code SCHEMAPILOT_HOME} */
        ENVIRONMENT,
        /** beside the jar or classes schemapilot runs from */
        INSTALLATION,
        /** the working directory */
        WORKING_DIRECTORY,
        /** not found */
        NONE
    }

    private final Path home;
    private final Origin origin;

    private Resources(Path home, Origin origin) {
        this.home = home;
        this.origin = origin;
    }

    /**
     * Finds the home for a process with environment {@code env} and working directory {@code workingDir}.
     *
     * @throws IllegalArgumentException when {@code SCHEMAPILOT_HOME} is set but is not a directory
     */
    public static Resources locate(Map<String, String> env, Path workingDir) {
        return locate(env, workingDir, codeLocation());
    }

    /** As {@link #locate(Map, Path)} with the jar or class folder given (null: unknown). */
    public static Resources locate(Map<String, String> env, Path workingDir, Path codeLocation) {
        String explicit = env == null ? null : env.get(HOME_ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path p;
            try {
                p = Path.of(explicit.strip());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(HOME_ENV + "=" + explicit + " is not a valid path");
            }
            if (!p.isAbsolute() && workingDir != null) {
                p = workingDir.resolve(p);
            }
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(HOME_ENV + "=" + explicit + " is not a directory; set it to the"
                        + " folder that holds prompts/, skills/ and tools/, or unset it");
            }
            return new Resources(p.toAbsolutePath().normalize(), Origin.ENVIRONMENT);
        }
        if (codeLocation != null) {
            Path dir = Files.isDirectory(codeLocation) ? codeLocation : codeLocation.toAbsolutePath().getParent();
            for (int up = 0; up <= 2 && dir != null; up++, dir = dir.getParent()) {
                if (isHome(dir)) {
                    return new Resources(dir.toAbsolutePath().normalize(), Origin.INSTALLATION);
                }
            }
        }
        if (workingDir != null && isHome(workingDir)) {
            return new Resources(workingDir.toAbsolutePath().normalize(), Origin.WORKING_DIRECTORY);
        }
        return new Resources(null, Origin.NONE);
    }

    /** A home given directly (tests, embedding). */
    public static Resources at(Path home) {
        return new Resources(home.toAbsolutePath().normalize(), Origin.ENVIRONMENT);
    }

    /** The home folder, if one was found. */
    public Optional<Path> home() {
        return Optional.ofNullable(home);
    }

    public Origin origin() {
        return origin;
    }

    /** The built-in persona folder, when it exists. */
    public Optional<Path> prompts() {
        return folder("prompts");
    }

    /** The built-in skills folder, when it exists. */
    public Optional<Path> skills() {
        return folder("skills");
    }

    /** The built-in tool manifest folder, when it exists. */
    public Optional<Path> tools() {
        return folder("tools");
    }

    /** The recorded example sessions ({@code transcripts/}), when the folder exists. */
    public Optional<Path> transcripts() {
        return folder("transcripts");
    }

    /** One phrase for messages: where the home is and how it was found. */
    public String describe() {
        switch (origin) {
            case ENVIRONMENT:
                return home + " (" + HOME_ENV + ")";
            case INSTALLATION:
                return home + " (the installation)";
            case WORKING_DIRECTORY:
                return home + " (the working directory)";
            default:
                return "not found (set " + HOME_ENV + " to the folder that holds prompts/, skills/ and tools/)";
        }
    }

    @Override
    public String toString() {
        return "Resources[" + describe() + "]";
    }

    private Optional<Path> folder(String name) {
        if (home == null) {
            return Optional.empty();
        }
        Path p = home.resolve(name);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    private static boolean isHome(Path dir) {
        return Files.isDirectory(dir.resolve("prompts"));
    }

    /** The jar or class folder this class was loaded from, or null when it cannot be told. */
    static Path codeLocation() {
        try {
            CodeSource cs = Resources.class.getProtectionDomain().getCodeSource();
            URL url = cs == null ? null : cs.getLocation();
            return url == null || !"file".equals(url.getProtocol()) ? null : Path.of(url.toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
