package dev.binlog.spring.listener;

/** Produces one parameter of a listener method from a change; built once per parameter at startup. */
@FunctionalInterface
interface ArgumentResolver {

    Object resolve(Images images) throws Exception;
}
