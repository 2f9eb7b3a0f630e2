package org.stance.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** The cached scored articles survive the serializers a cluster may set (spark.serializer): Java's and Kryo. */
class ScoredArticleTest {

    private static ScoredArticle roundTrip(Serializer serializer, ScoredArticle a) {
        SerializerInstance s = serializer.newInstance();
        ByteBuffer bytes = s.serialize(a, ClassTag$.MODULE$.apply(ScoredArticle.class));
        return s.deserialize(bytes, ClassTag$.MODULE$.apply(ScoredArticle.class));
    }

    @Test
    void kryoAndJavaSerializationKeepBothFields() {
        SparkConf conf = new SparkConf();
        ScoredArticle scored = ScoredArticle.scored("{\"type\":\"sentence\",\"text\":\"نص\"}\n{\"type\":\"article\"}");
        ScoredArticle error = ScoredArticle.error("a1", "a1.txt", "article 'a1' is empty");
        for (Serializer serializer : new Serializer[] {new KryoSerializer(conf), new JavaSerializer(conf)}) {
            ScoredArticle back = roundTrip(serializer, scored);
            assertEquals(scored.records(), back.records(), serializer.getClass().getSimpleName());
            assertEquals(false, back.error());
            ScoredArticle failed = roundTrip(serializer, error);
            assertTrue(failed.error(), serializer.getClass().getSimpleName());
            assertEquals(error.records(), failed.records());
        }
    }
}
