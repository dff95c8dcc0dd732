package io.ofnevents.compile;

import io.ofnevents.model.ResourceId;
import java.util.SortedSet;

/** The generated routes of one resource: its file name, YAML text and the Kamelets it uses. */
public record RouteFile(
    ResourceId resource, String fileName, String yaml, SortedSet<String> kamelets) {}
