package org.dmlworkbench.ui;

import java.lang.reflect.Constructor;

/**
 * Creates FXML controllers: a controller with a {@code (WorkbenchModel)} constructor gets the
 * shared model, so controllers stay thin and hold no global state.
 */
final class Controllers {

    private Controllers() {}

    static Object create(Class<?> type, WorkbenchModel model) {
        try {
            try {
                Constructor<?> withModel = type.getDeclaredConstructor(WorkbenchModel.class);
                withModel.setAccessible(true);
                return withModel.newInstance(model);
            } catch (NoSuchMethodException e) {
                Constructor<?> plain = type.getDeclaredConstructor();
                plain.setAccessible(true);
                return plain.newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create controller " + type.getName(), e);
        }
    }
}
