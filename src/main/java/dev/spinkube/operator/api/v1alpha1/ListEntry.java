package dev.spinkube.operator.api.v1alpha1;

import java.util.List;
import java.util.stream.IntStream;

/** An entry of a list in a SpinApp, as the rules on each entry see it: with its app and its place in the list. */
public record ListEntry<E>(SpinApp app, List<E> list, int index) {

    public static <E> List<ListEntry<E>> all(SpinApp app, List<E> list) {
        return IntStream.range(0, list.size()).mapToObj(i -> new ListEntry<>(app, list, i)).toList();
    }

    public E value() {
        return list.get(index);
    }

    /** The entries before this one. */
    public List<E> before() {
        return list.subList(0, index);
    }
}
